import sys

from benchmarks.scale import main

main(sys.argv[1:])
