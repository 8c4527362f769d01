#!/usr/bin/perl
# Runs Sisimai (Debian's libsisimai-perl, v4.25) over message files and prints
# one JSON line per file, in the form bench/accuracy_score.py reads (the same
# fields as `smtp-explain check --json`):
#   {"file": PATH, "tool": "sisimai 4.25.15",
#    "recipients": [{"recipient": ..., "reply_code": ..., "status": ..., "reason": ...}]}
# A file Sisimai cannot read gives {"file": PATH, "error": TEXT, "recipients": []}.
#
#   perl bench/sisimai_predict.pl FILE_OR_DIR...     (a directory: its *.eml and *.msg files)
#
# Sisimai->make is called with delivered => 1 (the Sisimai truth, taken from
# Sisimai 5.1's tests, records one "delivered" row); vacation replies are
# reported by 4.25 by default.
use strict;
use warnings;
use JSON::PP;
use Sisimai;

die "usage: $0 FILE_OR_DIR...\n" unless @ARGV;

my @files;
for my $arg (@ARGV) {
    if (-d $arg) {
        opendir(my $dh, $arg) or die "cannot open $arg: $!\n";
        push @files, map { "$arg/$_" } sort grep { /\.(eml|msg)$/ && -f "$arg/$_" } readdir($dh);
        closedir($dh);
    } else {
        push @files, $arg;
    }
}

my $json = JSON::PP->new->canonical(1);
my $tool = "sisimai " . ($Sisimai::VERSION =~ s/^v//r);
binmode(STDOUT, ':raw');

for my $file (@files) {
    my %out = (file => $file, tool => $tool, recipients => []);
    my $list = eval {
        local $SIG{__WARN__} = sub { };
        Sisimai->make($file, delivered => 1);
    };
    if ($@) {
        ($out{error} = "$@") =~ s/\s+$//;
    } elsif ($list) {
        for my $r (@$list) {
            push @{ $out{recipients} }, {
                recipient  => $r->recipient ? $r->recipient->address : '',
                reply_code => '' . ($r->replycode // ''),
                status     => '' . ($r->deliverystatus // ''),
                reason     => '' . ($r->reason // ''),
                action     => '' . ($r->action // ''),
            };
        }
    }
    print $json->encode(\%out), "\n";
}
