-- miltertest protocol test of smtp-explain-milter's header edits (no MTA).
-- Run by tests/e2e/test_miltertest.sh with MILTER_SOCKET set to the socket of
-- a running milter. Three messages, each on its own connection:
--   1. a DSN bounce from <> gets X-SMTP-Explain-Class and X-SMTP-Explain added;
--   2. an ordinary message loses its forged X-SMTP-Explain-Class field, the
--      body is skipped, nothing is added;
--   3. an ordinary message without such fields is left alone: the filter
--      accepts it at end of headers (no body, no end of message).
-- miltertest does not print the text of error(); print it first.

local sock = os.getenv("MILTER_SOCKET")

local function fail(msg)
  io.stderr:write("FAIL: " .. msg .. "\n")
  io.stderr:flush()
  error(msg)
end

local function check(cond, msg)
  if not cond then fail(msg) end
end

local function open()
  local conn = mt.connect(sock, 40, 0.25)
  check(conn ~= nil, "mt.connect(" .. tostring(sock) .. ") failed")
  -- The filter negotiates the connect stage away; conninfo would then exit.
  if not mt.test_option(conn, SMFIP_NOCONNECT) then
    check(mt.conninfo(conn, "localhost", "127.0.0.1") == nil, "mt.conninfo failed")
  end
  return conn
end

local function send_headers(conn, headers, eoh_reply)
  for _, h in ipairs(headers) do
    check(mt.header(conn, h[1], h[2]) == nil, "mt.header(" .. h[1] .. ") failed")
    check(mt.getreply(conn) == SMFIR_CONTINUE, "header " .. h[1] .. ": not continue")
  end
  check(mt.eoh(conn) == nil, "mt.eoh failed")
  check(mt.getreply(conn) == (eoh_reply or SMFIR_CONTINUE), "eoh: unexpected reply")
end

-- 1. A bounce.
local conn = open()
mt.macro(conn, SMFIC_MAIL, "i", "MT-BOUNCE")
check(mt.mailfrom(conn, "<>") == nil, "mt.mailfrom failed")
check(mt.getreply(conn) == SMFIR_CONTINUE, "mailfrom: not continue")
send_headers(conn, {
  {"From", "MAILER-DAEMON@mta.test (Mail Delivery System)"},
  {"To", "sender@test.local"},
  {"Subject", "Undelivered Mail Returned to Sender"},
  {"Auto-Submitted", "auto-replied"},
  {"MIME-Version", "1.0"},
  {"Content-Type", "multipart/report; report-type=delivery-status;\n\tboundary=\"B1\""},
  {"X-SMTP-Explain-Class", "success"},
})
local body = "This is a MIME-encapsulated message.\r\n\r\n--B1\r\n" ..
  "Content-Type: text/plain; charset=us-ascii\r\n\r\n" ..
  "Your message could not be delivered to one or more recipients.\r\n\r\n--B1\r\n" ..
  "Content-Type: message/delivery-status\r\n\r\n" ..
  "Reporting-MTA: dns; mta.test\r\n\r\n" ..
  "Final-Recipient: rfc822; user@remote.test\r\nAction: failed\r\nStatus: 5.2.2\r\n" ..
  "Remote-MTA: dns; mx.remote.test\r\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\r\n\r\n" ..
  "--B1\r\nContent-Type: text/rfc822-headers\r\n\r\n" ..
  "From: sender@test.local\r\nTo: user@remote.test\r\nSubject: hi\r\n\r\n--B1--\r\n"
check(mt.bodystring(conn, body) == nil, "mt.bodystring failed")
check(mt.getreply(conn) == SMFIR_CONTINUE, "bounce body: not continue")
check(mt.eom(conn) == nil, "mt.eom failed")
check(mt.getreply(conn) == SMFIR_CONTINUE, "bounce eom: not continue")
check(mt.eom_check(conn, MT_HDRADD, "X-SMTP-Explain-Class", "permanent"),
      "bounce: X-SMTP-Explain-Class: permanent not added")
check(mt.eom_check(conn, MT_HDRADD, "X-SMTP-Explain"), "bounce: X-SMTP-Explain not added")
check(mt.eom_check(conn, MT_HDRADD, "X-SMTP-Explain-Fix"), "bounce: X-SMTP-Explain-Fix not added")
check(mt.eom_check(conn, MT_HDRDELETE, "X-SMTP-Explain-Class"),
      "bounce: forged X-SMTP-Explain-Class not deleted")
local explain = mt.getheader(conn, "X-SMTP-Explain", 0)
check(explain ~= nil and string.find(explain, "552 5.2.2", 1, true) ~= nil,
      "bounce: X-SMTP-Explain lacks 552 5.2.2: " .. tostring(explain))
mt.disconnect(conn)

-- 2. Ordinary mail carrying a forged field.
conn = open()
mt.macro(conn, SMFIC_MAIL, "i", "MT-FORGED")
check(mt.mailfrom(conn, "<friend@example.org>") == nil, "mt.mailfrom failed")
check(mt.getreply(conn) == SMFIR_CONTINUE, "mailfrom: not continue")
send_headers(conn, {
  {"From", "friend@example.org"},
  {"To", "sender@test.local"},
  {"Subject", "lunch"},
  {"X-SMTP-Explain-Class", "success"},
})
check(mt.bodystring(conn, "See you at noon.\r\n") == nil, "mt.bodystring failed")
local r = mt.getreply(conn)
check(r == SMFIR_SKIP or r == SMFIR_CONTINUE, "ordinary body: unexpected reply")
if mt.test_option(conn, SMFIP_SKIP) then
  check(r == SMFIR_SKIP, "ordinary body: filter did not skip the body")
end
check(mt.eom(conn) == nil, "mt.eom failed")
check(mt.getreply(conn) == SMFIR_CONTINUE, "ordinary eom: not continue")
check(mt.eom_check(conn, MT_HDRDELETE, "X-SMTP-Explain-Class"),
      "ordinary: forged X-SMTP-Explain-Class not deleted")
check(not mt.eom_check(conn, MT_HDRADD), "ordinary: a header was added")
mt.disconnect(conn)

-- 3. Ordinary mail: nothing at all.
conn = open()
check(mt.mailfrom(conn, "<friend@example.org>") == nil, "mt.mailfrom failed")
check(mt.getreply(conn) == SMFIR_CONTINUE, "mailfrom: not continue")
send_headers(conn, {{"From", "friend@example.org"}, {"Subject", "plain"}}, SMFIR_ACCEPT)
mt.disconnect(conn)

print("miltertest header_edits: all checks passed")
