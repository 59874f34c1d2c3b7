#!/bin/sh
# capture.sh: records every packet of one WebSocket port into a pcap file, until stopped (Ctrl-C or SIGTERM).
#
#   capture.sh <interface> <port> <file>      e.g.  capture.sh lo 8080 ws.pcap   (as root)
#
# tcpdump prints "listening on <interface>" on stderr once the capture runs: send nothing before that line.
set -eu
if [ "$#" -ne 3 ]; then
    echo "usage: $0 <interface> <port> <file.pcap>" >&2
    exit 2
fi
iface=$1
port=$2
file=$3

# -U writes each packet to the file as it arrives (not in 4 KiB blocks), so a killed capture loses nothing;
# the filter "port N" keeps both directions of the connection and nothing else.
# tag::capture[]
exec tcpdump -i "$iface" --immediate-mode -U -w "$file" port "$port"
# end::capture[]
