module smtp-explain.invalid/go-sisimai-bench

go 1.17

require (
	golang.org/x/net v0.35.0
	golang.org/x/text v0.22.0
	libsisimai.org/sisimai v0.0.0
)

// Offline, from Debian's packages and the anchor source beside the repository:
// go-sisimai from ../shared/anchors/go-sisimai, golang.org/x/* from
// golang-golang-x-net-dev and golang-golang-x-text-dev (/usr/share/gocode).
replace (
	golang.org/x/net => /usr/share/gocode/src/golang.org/x/net
	golang.org/x/sys => /usr/share/gocode/src/golang.org/x/sys
	golang.org/x/text => /usr/share/gocode/src/golang.org/x/text
	libsisimai.org/sisimai => ../../../shared/anchors/go-sisimai
)
