"""Reading and writing portfolios in files: the TOML interchange format and exports."""
