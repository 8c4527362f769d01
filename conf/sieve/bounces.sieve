# Files bounces annotated by smtp-explain-milter into folders by class.
# X-SMTP-Explain-Class is permanent (will not be delivered: fix the address or
# the message) or transient (still being retried, or a temporary failure).
# To rename the folders, change the two names in quotes after fileinto; use
# your server's hierarchy separator ("Bounces/Permanent" on some servers).
# The milter removes X-SMTP-Explain* fields arriving from outside, so these
# fields can be trusted only on mail that passed through it.
require ["fileinto", "mailbox"];

if header :is "X-SMTP-Explain-Class" "permanent" {
  fileinto :create "Bounces.Permanent";
  stop;
} elsif header :is "X-SMTP-Explain-Class" "transient" {
  fileinto :create "Bounces.Transient";
  stop;
}
