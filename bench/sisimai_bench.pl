#!/usr/bin/perl
# Parses every .eml file of a directory with Sisimai (the reference Perl bounce
# parser, Debian's libsisimai-perl v4) R times in one process, in memory
# (Sisimai->make(\$text)), and prints messages/s. One untimed warm-up round
# loads Sisimai's lazily required modules first, so the figure is the steady
# rate, as parse_bench measures ours.
#   perl bench/sisimai_bench.pl CORPUS_DIR [ROUNDS]
# Output (one line, parsed by parse_compare.sh):
#   sisimai <version>: <n> messages (<MB> MB) x <R> rounds in <s> s: <rate> messages/s (<b> bounce records per round)
use strict;
use warnings;
use Time::HiRes qw(time);
use Sisimai;

my $dir = shift // die "usage: $0 CORPUS_DIR [ROUNDS]\n";
my $rounds = shift // 3;
die "ROUNDS must be a positive integer\n" unless $rounds =~ /^[1-9][0-9]*$/;

opendir(my $dh, $dir) or die "cannot open $dir: $!\n";
my @files = sort grep { /\.eml$/ && -f "$dir/$_" } readdir($dh);
closedir($dh);
die "no .eml files in $dir\n" unless @files;

my @messages;
my $bytes = 0;
for my $f (@files) {
    open(my $fh, '<:raw', "$dir/$f") or die "cannot read $dir/$f: $!\n";
    local $/;
    my $text = <$fh>;
    close($fh);
    $bytes += length($text);
    push @messages, $text;
}

sub one_round {
    my $records = 0;
    for my $m (@messages) {
        my $list = Sisimai->make(\$m);
        $records += scalar @$list if $list;
    }
    return $records;
}

my $records = one_round();    # warm-up: module loading, not timed
my $t0 = time();
one_round() for 1 .. $rounds;
my $secs = time() - $t0;
my $n = scalar(@messages) * $rounds;
printf("sisimai %s: %d messages (%.1f MB) x %d rounds in %.3f s: %.0f messages/s (%d bounce records per round)\n",
       Sisimai->version, scalar(@messages), $bytes / 1e6, $rounds, $secs, $n / $secs, $records);
