"""The mapping files itroad ships for other tools' CSV exports (``--map glpi-computers``);
:mod:`itroad.interchange.csv_mapping` reads them."""
