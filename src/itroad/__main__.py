from itroad.cli import main

raise SystemExit(main())
