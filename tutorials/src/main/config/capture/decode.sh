#!/bin/sh
# decode.sh: reads a capture made by capture.sh with tshark.
#
#   decode.sh frames <file> <port>     one line per WebSocket frame: packet, time, source port, FIN, opcode,
#                                      MASK, payload length
#   decode.sh midstream <file> <port>  the same, for a capture started after the opening handshake
#   decode.sh compressed <file> <port> one line per WebSocket frame: packet, source port, opcode, RSV bits
#                                      (4 is RSV1: a compressed message's first frame, RFC 7692 §6)
#   decode.sh loss <file>              the TCP segments retransmitted or duplicate-ACKed (packet loss)
#
# tshark recognizes WebSocket by the HTTP Upgrade it has seen: "-d tcp.port==N,http" (decode as) says where
# the HTTP is when N is not a port it knows. A capture that started after the handshake holds no Upgrade:
# then "-d tcp.port==N,websocket" says that the port carries frames (on a capture with the handshake, it
# would misread the HTTP request as frames).
set -eu
if [ "$#" -lt 2 ]; then
    echo "usage: $0 frames|midstream|compressed <file.pcap> <port> | $0 loss <file.pcap>" >&2
    exit 2
fi
mode=$1
file=$2

case "$mode" in
frames)
    port=$3
    # tag::frames[]
    tshark -r "$file" -d "tcp.port==$port,http" -Y websocket \
        -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator=, \
        -e frame.number -e frame.time_relative -e tcp.srcport \
        -e websocket.fin -e websocket.opcode -e websocket.mask -e websocket.payload_length
    # end::frames[]
    ;;
midstream)
    port=$3
    # tag::midstream[]
    tshark -r "$file" -d "tcp.port==$port,websocket" -Y websocket \
        -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator=, \
        -e frame.number -e frame.time_relative -e tcp.srcport \
        -e websocket.fin -e websocket.opcode -e websocket.mask -e websocket.payload_length
    # end::midstream[]
    ;;
compressed)
    port=$3
    # tag::compressed[]
    tshark -r "$file" -d "tcp.port==$port,http" -Y websocket \
        -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator=, \
        -e frame.number -e tcp.srcport -e websocket.opcode -e websocket.rsv
    # end::compressed[]
    ;;
loss)
    # tag::loss[]
    tshark -r "$file" -Y "tcp.analysis.retransmission || tcp.analysis.duplicate_ack"
    # end::loss[]
    ;;
*)
    echo "unknown mode $mode: frames, midstream, compressed or loss" >&2
    exit 2
    ;;
esac
