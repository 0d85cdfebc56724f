#!/usr/bin/env python
from qalam.__main__ import main

if __name__ == "__main__":
    main()
