#!/usr/bin/env python
from gehoord.cli import main

if __name__ == "__main__":
    main()
