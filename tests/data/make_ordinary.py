#!/usr/bin/env python3
"""Writes tests/data/ordinary/*.eml: ordinary mail (not bounces) for the tests.

Every message below was written for smtp-explain (see ordinary/README.md). The
script only does the mechanical parts: base64 and quoted-printable bodies,
RFC 2047 words, message ids, signature blobs and dates, all derived from the
file name so a rerun writes the same bytes. Run from anywhere:

    python3 tests/data/make_ordinary.py          # rewrites tests/data/ordinary/*.eml
    python3 tests/data/make_ordinary.py --check  # exit 1 if a file differs

Python 3 standard library only.
"""
import base64
import datetime as dt
import quopri
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "ordinary"
MESSAGES = []  # (file name, crlf, builder)


def message(name, crlf=False):
    """Registers a builder: fn(R) -> message text with LF line endings."""

    def deco(fn):
        MESSAGES.append((name, crlf, fn))
        return fn

    return deco


B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
HEX = "0123456789abcdef"
TZS = {"+0000": 0, "+0100": 60, "+0200": 120, "-0500": -300, "-0800": -480, "+0900": 540,
       "-0400": -240, "+0530": 330, "-0700": -420, "-0300": -180, "+0800": 480, "+0300": 180, "-0600": -360}


class R:
    """Deterministic values for one message (seeded by its file name)."""

    def __init__(self, name):
        self.r = random.Random(name)

    def pick(self, seq):
        return self.r.choice(seq)

    def num(self, a, b):
        return self.r.randint(a, b)

    def s(self, alphabet, n):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def b64(self, n):
        return self.s(B64, n)

    def hex(self, n):
        return self.s(HEX, n)

    def up(self, n):
        return self.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", n)

    def alnum(self, n):
        return self.s(ALNUM, n)

    def guid(self):
        return "-".join(self.hex(k) for k in (8, 4, 4, 4, 12))

    def ip(self):
        net = self.pick(["192.0.2", "198.51.100", "203.0.113"])
        return f"{net}.{self.num(2, 250)}"

    def ip6(self):
        return "2001:db8:" + ":".join(f"{self.num(0, 0xffff):x}" for _ in range(3)) + "::" + \
            f"{self.num(1, 0xfff):x}"

    def date(self, y1=2019, y2=2025, tz=None):
        tz = tz or self.pick(list(TZS))
        d = dt.datetime(self.num(y1, y2), self.num(1, 12), self.num(1, 28), self.num(6, 22),
                        self.num(0, 59), self.num(0, 59),
                        tzinfo=dt.timezone(dt.timedelta(minutes=TZS[tz])))
        return d

    def postfix_id(self):
        return self.s("0123456789ABCDEF", 10)

    def postfix_long_id(self):
        return "4" + self.s("BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789", 8) + "z" + \
            self.s("BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789", 4)


def rfc(d):
    """RFC 5322 date: 'Mon, 04 Mar 2024 10:12:33 +0100'."""
    return d.strftime("%a, %d %b %Y %H:%M:%S %z")


def pfx(d, zone=None):
    """Postfix/Sendmail style Received date: 'Mon,  4 Mar 2024 10:12:33 +0100 (CET)'."""
    s = d.strftime("%a, ") + f"{d.day:2d}" + d.strftime(" %b %Y %H:%M:%S %z")
    return s + (f" ({zone})" if zone else "")


def later(d, seconds):
    return d + dt.timedelta(seconds=seconds)


def utc(d):
    return d.astimezone(dt.timezone.utc)


def epoch(d):
    return int(d.timestamp())


def wrap(s, width=76):
    return "\n".join(s[i:i + width] for i in range(0, len(s), width))


def b64body(text, charset="utf-8"):
    data = text.encode(charset) if isinstance(text, str) else text
    return wrap(base64.b64encode(data).decode()) + "\n"


def qp(text, charset="utf-8"):
    return quopri.encodestring(text.encode(charset)).decode()


def ew(text, charset="utf-8", enc="B"):
    """RFC 2047 encoded words (each at most 75 characters), space separated."""
    words, chunk = [], ""
    limit = 75 - len(f"=?{charset}?{enc}??=")

    def encode(s):
        raw = s.encode(charset)
        if enc == "B":
            return base64.b64encode(raw).decode()
        out = ""
        for b in raw:
            c = chr(b)
            if c == " ":
                out += "_"
            elif c.isalnum() and b < 128:
                out += c
            else:
                out += f"={b:02X}"
        return out

    for ch in text:
        if len(encode(chunk + ch)) > limit and chunk:
            words.append(f"=?{charset}?{enc}?{encode(chunk)}?=")
            chunk = ""
        chunk += ch
    if chunk:
        words.append(f"=?{charset}?{enc}?{encode(chunk)}?=")
    return "\n ".join(words)


def folded_blob(r, n, indent="\t ", width=70):
    blob = r.b64(n - 1) + "="
    return ("\n" + indent).join(blob[i:i + width] for i in range(0, len(blob), width))


def dkim(r, d, sel, when, h, indent="\t", extra=""):
    """A DKIM-Signature value as real signers fold it."""
    return (f"v=1; a=rsa-sha256; c=relaxed/relaxed; d={d};\n{indent}s={sel}; t={epoch(when)};"
            f"{extra}\n{indent}h={h};\n{indent}bh={r.b64(43)}=;\n{indent}b="
            + folded_blob(r, 344, indent + " "))


def gmail_sending(r, when, domain, h="to:subject:message-id:date:from:mime-version:from:to:cc"
                  ":subject:date:message-id:reply-to"):
    """Header fields Gmail adds to mail it sends (newest first), for a Workspace domain."""
    ts = epoch(when)
    return [
        ("DKIM-Signature", f"v=1; a=rsa-sha256; c=relaxed/relaxed;\n        d={domain}; s=google;"
         f" t={ts}; x={ts + 604800}; darn=example.net;\n        h={h};\n        bh={r.b64(43)}=;\n"
         "        b=" + folded_blob(r, 344, "         ")),
        ("X-Google-DKIM-Signature", f"v=1; a=rsa-sha256; c=relaxed/relaxed;\n        d=1e100.net;"
         f" s=20230601; t={ts}; x={ts + 604800};\n        h={h};\n        bh={r.b64(43)}=;\n"
         "        b=" + folded_blob(r, 344, "         ")),
        ("X-Gm-Message-State", f"AOJu0Y{r.b64(62)}\n\t{r.b64(60)}="),
        ("X-Google-Smtp-Source", f"AGHT+I{r.b64(80)}="),
        ("X-Received", f"by 2002:a05:{r.num(6000, 6999)}:{r.hex(4)}:b0:{r.hex(3)}:{r.hex(4)} with SMTP"
         f" id {r.alnum(14)}-{r.alnum(6)}.{r.num(10, 99)}.{r.num(1000000000000, 9999999999999)};\n"
         f"        {rfc(later(when, 1).astimezone(dt.timezone(dt.timedelta(hours=-8))))} (PST)"),
    ]


def received_gmail_out(r, when, to_host, to_ip_host="mx.example.net", rcpt="bob@example.net"):
    host = f"mail-{r.pick(['wm1', 'ed1', 'lj1', 'qt1', 'pl1', 'ej1'])}-f{r.num(10, 199)}.google.com"
    ip = r.ip()
    return ("Received", f"from {host} ({host} [{ip}])\n\tby {to_host} (Postfix) with ESMTPS id "
            f"{r.postfix_long_id()}\n\tfor <{rcpt}>; {pfx(later(when, 2), None)}")


def ms365_fields(r, when, domain, tenant_server, recipient_internal=False, has_attach=False,
                 topic="", index=None, lang="en-US"):
    """Header fields Exchange Online puts on mail that leaves a tenant (subset, in order)."""
    t = utc(later(when, 1))
    guid = r.guid()
    fields = [
        ("ARC-Seal", f"i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none;\n b="
         + folded_blob(r, 344, " ", 78)),
        ("ARC-Message-Signature", "i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com;\n"
         " s=arcselector10001;\n h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:"
         "X-MS-Exchange-AntiSpam-MessageData-ChunkCount:X-MS-Exchange-AntiSpam-MessageData-0:"
         "X-MS-Exchange-AntiSpam-MessageData-1;\n bh=" + r.b64(43) + "=;\n b="
         + folded_blob(r, 344, " ", 78)),
        ("ARC-Authentication-Results", f"i=1; mx.microsoft.com 1; spf=pass\n smtp.mailfrom={domain};"
         f" dmarc=pass action=none header.from={domain};\n dkim=pass header.d={domain}; arc=none"),
        ("DKIM-Signature", f"v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain};\n s=selector1;\n"
         " h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-SenderADCheck;\n"
         f" bh={r.b64(43)}=;\n b=" + folded_blob(r, 344, " ", 78)),
    ]
    return fields, {
        "Thread-Topic": topic,
        "Thread-Index": index or ("AQH" + r.b64(26) + "=="),
        "Accept-Language": lang + ", en-US" if lang != "en-US" else "en-US",
        "Content-Language": lang,
        "X-MS-Has-Attach": "yes" if has_attach else "",
        "X-MS-TNEF-Correlator": "",
        "msip_labels": "",
        "authentication-results": f"dkim=none (message not signed)\n header.d=none;dmarc=none action=none"
        f" header.from={domain};",
        "x-ms-publictraffictype": "Email",
        "x-ms-traffictypediagnostic": f"{tenant_server}:EE_|{r.up(4)}PR{r.num(1, 9):02d}MB{r.num(1000, 9999)}:EE_",
        "x-ms-office365-filtering-correlation-id": guid,
        "x-ms-exchange-senderadcheck": "1",
        "x-ms-exchange-antispam-relay": "0",
        "x-microsoft-antispam": "BCL:0;ARA:13230040|1800799024|366016|376014|38070700018;",
        "x-microsoft-antispam-message-info": "\n " + folded_blob(r, 220, " ", 77),
        "x-forefront-antispam-report": f"CIP:255.255.255.255;CTRY:;LANG:{lang[:2]};SCL:1;SRV:;IPV:NLI;SFV:NSPM;"
        f"H:{tenant_server}.eurprd0{r.num(1, 9)}.prod.outlook.com;PTR:;CAT:NONE;SFS:(13230040)(1800799024)"
        "(366016)(376014)(38070700018);DIR:OUT;SFP:1102;",
        "x-ms-exchange-antispam-messagedata-chunkcount": "1",
        "x-ms-exchange-antispam-messagedata-0": "\n " + folded_blob(r, 400, " ", 77),
        "X-OriginatorOrg": domain,
        "X-MS-Exchange-CrossTenant-AuthAs": "Internal",
        "X-MS-Exchange-CrossTenant-AuthSource": f"{tenant_server}.eurprd07.prod.outlook.com",
        "X-MS-Exchange-CrossTenant-Network-Message-Id": r.guid(),
        "X-MS-Exchange-CrossTenant-originalarrivaltime": t.strftime("%d %b %Y %H:%M:%S.")
        + f"{r.num(1000, 9999)} (UTC)",
        "X-MS-Exchange-CrossTenant-fromentityheader": "Hosted",
        "X-MS-Exchange-CrossTenant-id": r.guid(),
        "X-MS-Exchange-CrossTenant-mailboxtype": "HOSTED",
        "X-MS-Exchange-CrossTenant-userprincipalname": r.b64(56) + "==",
        "X-MS-Exchange-Transport-CrossTenantHeadersStamped": f"{r.up(3)}PR07MB{r.num(1000, 9999)}",
    }


def ms365_message(r, when, domain, sender, to, subject, body_ct, body, cc=None, has_attach=False,
                  lang="en-US", in_reply_to=None, topic=None, extra=()):
    """A whole message as Exchange Online sends it to another domain."""
    server = f"{r.pick(['AM0', 'DB9', 'PA4', 'AS8', 'VI1', 'DU0'])}PR07MB{r.num(1000, 9999)}"
    fields, stamped = ms365_fields(r, when, domain, server, has_attach=has_attach,
                                   topic=topic or subject, lang=lang)
    edge = f"{r.pick(['EUR05', 'EUR03', 'EUR01', 'EUR02'])}-{r.pick(['AM6', 'DB8', 'VI1'])}-obe.outbound.protection.outlook.com"
    mid = f"<{server}{r.up(14)}@{server}.eurprd07.prod.outlook.com>"
    rcpt = to.split("<")[-1].rstrip(">") if "<" in to else to
    hdrs = [
        ("Return-Path", f"<{sender.split('<')[-1].rstrip('>')}>"),
        ("Received", f"from {edge} (mail-{r.pick(['am6', 'db8', 'vi1'])}eur05on20{r.num(600, 799)}.outbound."
         f"protection.outlook.com [{r.ip()}])\n\tby mx.example.net (Postfix) with ESMTPS id {r.postfix_long_id()}\n"
         f"\tfor <{rcpt}>; {pfx(later(when, 3))}"),
        ("Received", f"from {server}.eurprd07.prod.outlook.com ({r.ip6()}) by\n {server}.eurprd07.prod.outlook.com"
         f" ({r.ip6()}) with Microsoft SMTP Server (version=TLS1_2,\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)"
         f" id 15.20.{r.num(7000, 8999)}.{r.num(10, 40)}; {utc(later(when, 1)).strftime('%a, %-d %b %Y %H:%M:%S +0000')}"),
    ] + fields + [
        ("From", sender),
        ("To", to),
    ]
    if cc:
        hdrs.append(("CC", cc))
    hdrs += [("Subject", subject), ("Thread-Topic", stamped.pop("Thread-Topic")),
             ("Thread-Index", stamped.pop("Thread-Index")),
             ("Date", rfc(utc(when))), ("Message-ID", mid)]
    if in_reply_to:
        hdrs += [("References", in_reply_to), ("In-Reply-To", in_reply_to)]
    hdrs += list(stamped.items())[:17]
    hdrs += [("Content-Type", body_ct), ("MIME-Version", "1.0")]
    hdrs += list(stamped.items())[17:]
    hdrs += list(extra)
    return assemble(hdrs, body)


def assemble(fields, body):
    lines = []
    for name, value in fields:
        lines.append(f"{name}: {value}" if value != "" else f"{name}:")
    if not body.endswith("\n"):
        body += "\n"
    return "\n".join(lines) + "\n\n" + body


def part(fields, body):
    return assemble(fields, body)


def multipart(boundary, parts, preamble="This is a multi-part message in MIME format.", epilogue=""):
    out = (preamble + "\n\n") if preamble else ""
    for p in parts:
        out += f"--{boundary}\n{p}\n"
    out += f"--{boundary}--\n"
    if epilogue:
        out += epilogue
    return out


def postfix_rcvd(r, when, from_host, from_ip, by_host, rcpt, esmtp="ESMTPS", zone=None, helo=None):
    helo_part = f"{helo or from_host}" + (f" ({from_host} [{from_ip}])" if from_host != "unknown"
                                          else f" (unknown [{from_ip}])")
    return ("Received", f"from {helo_part}\n\tby {by_host} (Postfix) with {esmtp} id {r.postfix_long_id()}\n"
            f"\tfor <{rcpt}>; {pfx(when, zone)}")


def spam_fields(r, score=-1.9, tests="BAYES_00,DKIM_SIGNED,DKIM_VALID,DKIM_VALID_AU,SPF_HELO_NONE,SPF_PASS"):
    return [
        ("X-Virus-Scanned", "Debian amavisd-new at mx.example.net"),
        ("X-Spam-Flag", "NO"),
        ("X-Spam-Score", f"{score}"),
        ("X-Spam-Level", ""),
        ("X-Spam-Status", f"No, score={score} tagged_above=-999 required=5\n\ttests=[" +
         ",\n\t".join(f"{t}=0.001" for t in tests.split(",")) + "]\n\tautolearn=ham autolearn_force=no"),
    ]


def authres(domain, dkim_d=None, spf="pass", dmarc="pass", host="mx.example.net"):
    dkim_d = dkim_d or domain
    return ("Authentication-Results", f"{host};\n\tdkim=pass (2048-bit key; unprotected) header.d={dkim_d}"
            f" header.i=@{dkim_d} header.b=\"{dkim_d[:3]}Xq8m\";\n\tdkim-atps=neutral;\n\tspf={spf}"
            f" smtp.mailfrom={domain};\n\tdmarc={dmarc} (p=quarantine dis=none) header.from={domain}")


# ---------------------------------------------------------------------------
# Mailing lists
# ---------------------------------------------------------------------------

MAILMAN2_FOOTER = """_______________________________________________
{list} mailing list
{list}@lists.example.org
https://lists.example.org/mailman/listinfo/{list}
"""


def mailman2_fields(r, when, lst, rcpt, sender_domain="example.com"):
    return [
        ("Return-Path", f"<{lst}-bounces+{rcpt.replace('@', '=')}@lists.example.org>"),
        ("Delivered-To", rcpt),
        postfix_rcvd(r, later(when, 40), "lists.example.org", r.ip(), "mx.example.net", rcpt),
        ("Received", f"from lists.example.org (localhost [127.0.0.1])\n\tby lists.example.org (Postfix) with ESMTP id "
         f"{r.postfix_id()};\n\t{pfx(later(when, 38), 'UTC')}"),
        ("X-Original-To", f"{lst}@lists.example.org"),
        ("Delivered-To", f"{lst}@lists.example.org"),
        postfix_rcvd(r, later(when, 35), f"smtp.{sender_domain}", r.ip(), "lists.example.org",
                     f"{lst}@lists.example.org", zone="UTC"),
    ]


def mailman2_list_fields(lst, desc):
    return [
        ("X-BeenThere", f"{lst}@lists.example.org"),
        ("X-Mailman-Version", "2.1.39"),
        ("Precedence", "list"),
        ("List-Id", f"{desc} <{lst}.lists.example.org>"),
        ("List-Unsubscribe", f"<https://lists.example.org/mailman/options/{lst}>,\n"
         f" <mailto:{lst}-request@lists.example.org?subject=unsubscribe>"),
        ("List-Archive", f"<https://lists.example.org/pipermail/{lst}/>"),
        ("List-Post", f"<mailto:{lst}@lists.example.org>"),
        ("List-Help", f"<mailto:{lst}-request@lists.example.org?subject=help>"),
        ("List-Subscribe", f"<https://lists.example.org/mailman/listinfo/{lst}>,\n"
         f" <mailto:{lst}-request@lists.example.org?subject=subscribe>"),
        ("Errors-To", f"{lst}-bounces@lists.example.org"),
        ("Sender", f"\"{lst.capitalize()}\" <{lst}-bounces@lists.example.org>"),
    ]


@message("list-mailman2-01-relayhost-question.eml")
def _(r):
    when = r.date(2021, 2023, "+0100")
    rcpt = "bob@example.net"
    body = """Hi Viktor, hi list,

thanks for the quick answer yesterday.

On 2022-11-08 at 21:14, Viktor Lang wrote:
> You need both smtp_sasl_auth_enable = yes and a password map that is
> keyed by the *exact* relayhost string, brackets and port included:
>
>   [smtp.example.com]:587   user@example.com:secret
>
> Then run postmap on it and reload.

That was it. I had "smtp.example.com:587" without the brackets in the
map, so Postfix never found the credentials and fell back to plain MX
lookup. With the brackets the log now shows

  postfix/smtp[18842]: 4N6p1c3DfKz1x: to=<carol@example.org>,
  relay=smtp.example.com[192.0.2.17]:587, delay=1.2, status=sent
  (250 2.0.0 Ok: queued as 9F1B2C3D4E)

Two follow-up questions, if I may:

1. Is it safe to set smtp_tls_security_level = encrypt globally, or
   should I restrict it to the relayhost with a policy map?
2. Does smtp_sasl_mechanism_filter = plain, login make sense for an
   Office 365 style submission server, or should I leave it empty?

Thanks again,
Jonas

--
Jonas Berg
Systems, Example Co.
"""
    fields = mailman2_fields(r, when, "users", rcpt) + [
        ("DKIM-Signature", dkim(r, "example.com", "mail", when, "from:to:subject:date:message-id:in-reply-to:references")),
        ("Message-ID", f"<{r.hex(8)}-{r.hex(4)}-{r.hex(4)}@example.com>"),
        ("Date", rfc(when)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("From", "Jonas Berg <jonas.berg@example.com>"),
        ("To", "users@lists.example.org"),
        ("References", "<20221108201455.GA8812@mail.example.org>"),
        ("In-Reply-To", "<20221108201455.GA8812@mail.example.org>"),
        ("Subject", "Re: [users] relayhost with SASL on port 587: credentials not used"),
        ("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
        ("Content-Transfer-Encoding", "7bit"),
    ] + mailman2_list_fields("users", "Discussion of Example mail server setups")
    return assemble(fields, body + "\n" + MAILMAN2_FOOTER.format(list="users"))


@message("list-mailman2-02-digest.eml", crlf=True)
def _(r):
    when = r.date(2020, 2022, "-0500")
    rcpt = "dana@example.net"
    lst = "astro-club"
    posts = [
        ("Pablo Ruiz <pablo@example.com>", "Star party on the 14th: car pooling", """Hi all,

If anyone is driving up to the dark-sky site on Saturday and has a free
seat, I would be glad to share fuel costs. I can bring the 8" Dobsonian
and a spare red torch.

Pablo
"""),
        ("Margaret Ohlsson <m.ohlsson@example.org>", "Re: Star party on the 14th: car pooling", """> If anyone is driving up to the dark-sky site on Saturday

I have two free seats and leave from the library car park at 6 pm.
Reply to me directly.

Margaret
"""),
        ("treasurer@astro-club.example.org", "Membership renewals", """Dear members,

Renewals for next season are now open. The fee is unchanged. Cheques
returned by the bank last year were all resolved, thank you for your
patience with the new account.

Ken (treasurer)
"""),
    ]
    toc = "\n".join(f"   {i + 1}. {s} ({f.split('<')[0].strip() or f})" for i, (f, s, _) in enumerate(posts))
    intro = f"""Send {lst} mailing list submissions to
	{lst}@lists.example.org

To subscribe or unsubscribe via the World Wide Web, visit
	https://lists.example.org/mailman/listinfo/{lst}
or, via email, send a message with subject or body 'help' to
	{lst}-request@lists.example.org

You can reach the person managing the list at
	{lst}-owner@lists.example.org

When replying, please edit your Subject line so it is more specific
than "Re: Contents of {lst} digest..."

Today's Topics:

{toc}
"""
    inner = []
    for i, (frm, subj, text) in enumerate(posts):
        d = later(when, -3600 * (5 - i))
        inner.append(part([("Content-Type", "message/rfc822"), ("MIME-Version", "1.0")], assemble([
            ("Message-ID", f"<{r.hex(12)}@{frm.split('@')[-1].rstrip('>')}>"),
            ("Date", rfc(d)), ("From", frm), ("To", f"{lst}@lists.example.org"), ("Subject", f"[{lst}] {subj}"),
            ("Content-Type", "text/plain; charset=\"us-ascii\""), ("Content-Transfer-Encoding", "7bit"),
        ], text)))
    digest = multipart("===============4719002813563926373==", inner, preamble=None)
    body = multipart("===============0813395811216012873==", [
        part([("Content-Type", "text/plain; charset=\"us-ascii\""), ("MIME-Version", "1.0"),
              ("Content-Transfer-Encoding", "7bit"), ("Content-Description", f"{lst} Digest, Vol 58, Issue 9")], intro),
        part([("Content-Type", "multipart/digest; boundary=\"===============4719002813563926373==\""),
              ("MIME-Version", "1.0")], digest),
        part([("Content-Type", "text/plain; charset=\"us-ascii\""), ("MIME-Version", "1.0"),
              ("Content-Transfer-Encoding", "7bit"), ("Content-Disposition", "inline")],
             MAILMAN2_FOOTER.format(list=lst) + f"\n------------------------------\n\nEnd of {lst} Digest, Vol 58, Issue 9\n"
             + "*" * 44 + "\n"),
    ], preamble=None)
    fields = [
        ("Return-Path", f"<{lst}-bounces+dana=example.net@lists.example.org>"),
        postfix_rcvd(r, when, "lists.example.org", r.ip(), "mx.example.net", rcpt),
        ("Subject", f"{lst} Digest, Vol 58, Issue 9"),
        ("From", f"{lst}-request@lists.example.org"),
        ("To", f"{lst}@lists.example.org"),
        ("Reply-To", f"{lst}@lists.example.org"),
        ("Date", rfc(when)),
        ("Message-ID", f"<mailman.{r.num(100, 999)}.{epoch(when)}.{r.num(1000, 9999)}.{lst}@lists.example.org>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "multipart/mixed; boundary=\"===============0813395811216012873==\""),
    ] + mailman2_list_fields(lst, "Amateur astronomy club")[:10]
    return assemble(fields, body)


@message("list-mailman2-03-awaiting-moderation.eml")
def _(r):
    when = r.date(2019, 2021, "+0000")
    fields = [
        ("Return-Path", "<board-bounces@lists.example.org>"),
        postfix_rcvd(r, when, "lists.example.org", r.ip(), "mx.example.net", "eva@example.net"),
        ("Content-Type", "text/plain; charset=\"us-ascii\""),
        ("MIME-Version", "1.0"),
        ("Content-Transfer-Encoding", "7bit"),
        ("Subject", "Your message to Board awaits moderator approval"),
        ("From", "board-bounces@lists.example.org"),
        ("To", "eva@example.net"),
        ("Message-ID", f"<mailman.{r.num(10, 99)}.{epoch(when)}.{r.num(1000, 9999)}.board@lists.example.org>"),
        ("Date", rfc(when)),
        ("Precedence", "bulk"),
        ("X-BeenThere", "board@lists.example.org"),
        ("X-Mailman-Version", "2.1.29"),
        ("List-Id", "Board of the Example Rowing Club <board.lists.example.org>"),
        ("X-List-Administrivia", "yes"),
        ("Errors-To", "board-bounces@lists.example.org"),
        ("Sender", "\"Board\" <board-bounces@lists.example.org>"),
    ]
    body = """Your mail to 'Board' with the subject

    Minutes of the March meeting (draft)

Is being held until the list moderator can review it for approval.

The reason it is being held:

    Message body is too big: 412866 bytes with a limit of 300 KB

Either the message will get posted to the list, or you will receive
notification of the moderator's decision.  If you would like to cancel
this posting, please visit the following URL:

    https://lists.example.org/mailman/confirm/board/""" + r.hex(40) + "\n"
    return assemble(fields, body)


def mailman3_fields(r, when, lst, domain="lists.example.org"):
    h = r.up(32)
    return [
        ("Message-ID-Hash", h),
        ("X-Message-ID-Hash", h),
        ("X-MailFrom", None),
        ("X-Mailman-Rule-Misses", "dmarc-mitigation; no-senders; approved; loop; banned-address;\n"
         " header-match-" + lst + ".example.org-0; emergency; member-moderation; nonmember-moderation;\n"
         " administrivia; implicit-dest; max-recipients; max-size; news-moderation;\n no-subject;"
         " digests; suspicious-header"),
        ("X-Mailman-Version", "3.3.9"),
        ("Precedence", "list"),
        ("List-Id", f"Development of Example <{lst}.{domain}>"),
        ("Archived-At", f"<https://{domain}/archives/list/{lst}@{domain}/message/{h}/>"),
        ("List-Archive", f"<https://{domain}/archives/list/{lst}@{domain}/>"),
        ("List-Help", f"<mailto:{lst}-request@{domain}?subject=help>"),
        ("List-Owner", f"<mailto:{lst}-owner@{domain}>"),
        ("List-Post", f"<mailto:{lst}@{domain}>"),
        ("List-Subscribe", f"<mailto:{lst}-join@{domain}>"),
        ("List-Unsubscribe", f"<mailto:{lst}-leave@{domain}>"),
    ]


def mm3_with(fields, mailfrom):
    return [(n, mailfrom if n == "X-MailFrom" else v) for n, v in fields]


@message("list-mailman3-01-dmarc-munged.eml")
def _(r):
    when = r.date(2023, 2025, "+0200")
    lst = "devel"
    rcpt = "frank@example.net"
    body = """Hi everyone,

the release branch for 4.2 is cut. Please only backport fixes from now on;
features go to main. The open blockers are:

  * #2231 TLS session cache grows without bound under churn
  * #2240 config reload loses the custom DH parameters
  * #2244 the migration script mis-handles quoted local parts

If you own one of these, please post a status update by Friday. I plan
to tag rc1 on Monday if the list is empty by then.

Cheers,
Ana
"""
    footer = f"""_______________________________________________
{lst} mailing list -- {lst}@lists.example.org
To unsubscribe send an email to {lst}-leave@lists.example.org
"""
    fields = [
        ("Return-Path", f"<{lst}-bounces@lists.example.org>"),
        ("Delivered-To", rcpt),
        postfix_rcvd(r, later(when, 20), "mail.lists.example.org", r.ip(), "mx.example.net", rcpt),
        ("Received", f"from mail.lists.example.org (localhost [IPv6:::1])\n\tby mail.lists.example.org (Postfix)"
         f" with ESMTP id {r.postfix_long_id()};\n\t{pfx(later(when, 18), 'UTC')}"),
        ("ARC-Seal", f"i=1; a=rsa-sha256; d=lists.example.org; s=arc; t={epoch(when)}; cv=none;\n\tb="
         + folded_blob(r, 344, "\t ")),
        ("ARC-Message-Signature", f"i=1; a=rsa-sha256; c=relaxed/relaxed; d=lists.example.org;"
         f" s=arc; t={epoch(when)};\n\th=from:from:reply-to:subject:subject:date:date:message-id:message-id:to:to;\n"
         f"\tbh={r.b64(43)}=;\n\tb=" + folded_blob(r, 344, "\t ")),
        ("ARC-Authentication-Results", "i=1; mail.lists.example.org;\n\tdkim=pass header.d=example.com;"
         "\n\tdmarc=pass (policy=reject) header.from=example.com;\n\tspf=pass smtp.mailfrom=example.com"),
        ("Date", rfc(when)),
        ("To", f"{lst}@lists.example.org"),
        ("Subject", f"[{lst}] 4.2 release branch cut, blockers list"),
        ("Message-ID", f"<{r.hex(8)}.{r.hex(6)}@example.com>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=\"utf-8\""),
        ("Content-Transfer-Encoding", "7bit"),
        ("From", f"Ana Sousa via {lst} <{lst}@lists.example.org>"),
        ("Reply-To", f"Ana Sousa <ana@example.com>"),
        ("Cc", "Ana Sousa <ana@example.com>"),
    ] + mm3_with(mailman3_fields(r, when, lst), "ana@example.com")
    return assemble(fields, body + footer)


@message("list-mailman3-02-german-qp.eml")
def _(r):
    when = r.date(2022, 2024, "+0100")
    lst = "i18n"
    rcpt = "gerd@example.net"
    text = """Hallo zusammen,

ich habe die Übersetzung der Fehlermeldungen für die Zustellberichte
durchgesehen. Ein paar Vorschläge:

- "mailbox full" bitte nicht mit „Briefkasten voll“ übersetzen, sondern
  mit „Postfach voll“ – so steht es auch in den Outlook-Meldungen.
- „Zustellung fehlgeschlagen“ ist gut, aber „nicht zustellbar“ ist
  kürzer und passt in die Betreffzeile.
- Bei „Absender abgelehnt“ fehlt der Hinweis auf SPF/DKIM.

Die Datei liegt im Branch i18n/de-2, Pull-Request folgt morgen.

Viele Grüße
Jürgen
"""
    footer = f"""_______________________________________________
{lst} mailing list -- {lst}@lists.example.org
To unsubscribe send an email to {lst}-leave@lists.example.org
"""
    body = multipart("===============6215471839451267219==", [
        part([("Content-Type", "text/plain; charset=\"utf-8\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(text)),
        part([("Content-Type", "text/plain; charset=\"us-ascii\""), ("MIME-Version", "1.0"),
              ("Content-Transfer-Encoding", "7bit"), ("Content-Disposition", "inline")], footer),
    ], preamble=None)
    fields = [
        ("Return-Path", f"<{lst}-bounces@lists.example.org>"),
        postfix_rcvd(r, later(when, 12), "mail.lists.example.org", r.ip(), "mx.example.net", rcpt),
        ("From", "=?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.de>"),
        ("To", f"{lst}@lists.example.org"),
        ("Subject", "[i18n] " + ew("Re: Übersetzung der Fehlermeldungen (Zustellberichte)", enc="Q")),
        ("Date", rfc(when)),
        ("Message-ID", f"<{r.alnum(22)}@example.de>"),
        ("In-Reply-To", f"<{r.alnum(22)}@example.org>"),
        ("User-Agent", "KMail/5.24.5 (Linux/6.6.13-1-default; KDE/5.114.0; x86_64)"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "multipart/mixed; boundary=\"===============6215471839451267219==\""),
    ] + mm3_with(mailman3_fields(r, when, lst), "juergen@example.de")
    return assemble(fields, body)


@message("list-mailman3-03-subscription-disabled.eml")
def _(r):
    when = r.date(2023, 2024, "+0000")
    lst = "announce"
    fields = [
        ("Return-Path", f"<{lst}-bounces@lists.example.org>"),
        postfix_rcvd(r, when, "mail.lists.example.org", r.ip(), "mx.example.net", "helga@example.net"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=\"us-ascii\""),
        ("Content-Transfer-Encoding", "7bit"),
        ("Subject", f"Your subscription for the mailing list {lst}@lists.example.org has been disabled"),
        ("From", f"{lst}-owner@lists.example.org"),
        ("To", "helga@example.net"),
        ("Message-ID", f"<{epoch(when)}.{r.num(100000, 999999)}.{r.num(1000000000, 9999999999)}@mail.lists.example.org>"),
        ("Date", rfc(when)),
        ("Precedence", "bulk"),
    ]
    body = f"""Your subscription for the mailing list {lst}@lists.example.org has been
disabled because we received 5 bounces from your address in the last 7
days. You will not receive any more list traffic until you re-enable
your membership. You will receive 3 more reminders like this before
your membership is deleted.

To re-enable your membership, you can simply respond to this message
(leaving the Subject: line intact), or visit the confirmation page at

    https://lists.example.org/postorius/lists/{lst}.lists.example.org/

You can also visit your membership page at

    https://lists.example.org/accounts/login/

If you have any questions or problems, you can contact the list owner
at

    {lst}-owner@lists.example.org
"""
    return assemble(fields, body)


def ggroups_fields(r, when, group, domain, sender):
    gid = r.num(100000000000, 999999999999)
    token = f"bncB{r.alnum(30)}"
    return [
        ("Return-Path", f"<{group}+{token}@{domain}>"),
        ("ARC-Seal", f"i=2; a=rsa-sha256; t={epoch(when)}; cv=pass;\n        d=google.com; s=arc-20160816;\n"
         "        b=" + folded_blob(r, 344, "         ")),
        ("ARC-Message-Signature", "i=2; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20160816;\n"
         "        h=list-unsubscribe:list-subscribe:list-archive:list-help:list-post\n"
         "         :list-id:mailing-list:precedence:reply-to:mime-version:subject\n"
         "         :message-id:to:from:date:sender:dkim-signature;\n"
         f"        bh={r.b64(43)}=;\n        fh={r.b64(43)}=;\n        b=" + folded_blob(r, 344, "         ")),
        ("ARC-Authentication-Results", f"i=2; mx.google.com;\n       dkim=pass header.i=@{domain}"
         f" header.s=google header.b={r.alnum(8)};\n       arc=pass (i=1 spf=pass spfdomain={sender.split('@')[1]}"
         f" dkim=pass dkdomain={sender.split('@')[1]} dmarc=pass fromdomain={sender.split('@')[1]});\n"
         f"       spf=pass (google.com: domain of {group}+{token}@{domain} designates {r.ip()} as permitted sender)"
         f" smtp.mailfrom={group}+{token}@{domain};\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from={sender.split('@')[1]}"),
    ], [
        ("Precedence", "list"),
        ("Mailing-list", f"list {group}@{domain}; contact {group}+owners@{domain}"),
        ("List-ID", f"<{group}.{domain}>"),
        ("X-Spam-Checked-In-Group", f"{group}@{domain}"),
        ("X-Google-Group-Id", f"{gid}"),
        ("List-Post", f"<https://groups.google.com/a/{domain}/group/{group}/post>, <mailto:{group}@{domain}>"),
        ("List-Help", f"<https://support.google.com/a/{domain}/bin/topic.py?topic=25838>,\n <mailto:{group}+help@{domain}>"),
        ("List-Archive", f"<https://groups.google.com/a/{domain}/group/{group}/>"),
        ("List-Subscribe", f"<https://groups.google.com/a/{domain}/group/{group}/subscribe>,\n <mailto:{group}+subscribe@{domain}>"),
        ("List-Unsubscribe", f"<mailto:googlegroups-manage+{gid}+unsubscribe@{domain}>,\n"
         f" <https://groups.google.com/a/{domain}/group/{group}/subscribe>"),
        ("X-Original-Sender", sender),
        ("X-Original-Authentication-Results", f"mx.google.com;       dkim=pass header.i=@{sender.split('@')[1]}"
         f" header.s=google header.b={r.alnum(8)};       spf=pass (google.com: domain of {sender} designates"
         f" {r.ip()} as permitted sender) smtp.mailfrom={sender};       dmarc=pass (p=NONE sp=NONE dis=NONE)"
         f" header.from={sender.split('@')[1]}"),
    ]


GG_FOOTER = """-- 
You received this message because you are subscribed to the Google Groups "{name}" group.
To unsubscribe from this group and stop receiving emails from it, send an email to {group}+unsubscribe@{domain}.
To view this discussion visit https://groups.google.com/a/{domain}/d/msgid/{group}/{mid}.
"""


@message("list-googlegroups-01-team-post.eml")
def _(r):
    when = r.date(2023, 2025, "-0800")
    group, domain, sender = "eng-oncall", "example.org", "priya@example.org"
    mid = f"CA+{r.alnum(40)}@mail.gmail.com"
    top, bottom = ggroups_fields(r, when, group, domain, sender)
    text = """Handing over on-call for the week. Summary:

- Tuesday: queue on relay-2 grew to 40k after the upstream DNS resolver
  timed out. Fixed by pointing it at the local unbound; runbook updated.
- Thursday: a customer's SPF record had a syntax error, their mail to us
  was rejected with 550 5.7.23 for about an hour until they fixed it.
  Nothing to do on our side, but worth knowing the error text.
- Friday: certificate renewal for smtp-in went fine.

No open incidents. Pager is yours, Tom.

Priya
"""
    footer = GG_FOOTER.format(name="Eng on-call", group=group, domain=domain, mid=mid)
    html = "<div dir=\"ltr\">" + "<br>".join(text.strip().split("\n")) + "</div>\n\n<p></p>\n" + \
        footer.replace("\n", "<br />\n")
    b = f"000000000000{r.hex(16)}"
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=\"UTF-8\"")], text + "\n" + footer),
        part([("Content-Type", "text/html; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(html)),
    ], preamble=None)
    fields = top[:1] + [
        postfix_rcvd(r, later(when, 3), "mail-sor-f69.google.com", r.ip(), "mx.example.net", "tom@example.net",
                     helo="mail-sor-f69.google.com"),
        ("X-Received", f"by 2002:a05:6214:{r.hex(4)}:b0:{r.hex(3)}:{r.hex(4)} with SMTP id {r.alnum(8)}mr{r.num(1000000, 9999999)}qvb.{r.num(10, 99)}.{r.num(1000000000000, 9999999999999)};\n        {rfc(later(when, 2))}"),
    ] + top[1:] + [
        ("Sender", f"{group}@{domain}"),
        ("MIME-Version", "1.0"),
        ("From", f"Priya Raman <{sender}>"),
        ("Date", rfc(when)),
        ("Message-ID", f"<{mid}>"),
        ("Subject", "On-call handover, week 12"),
        ("To", f"{group}@{domain}"),
        ("Content-Type", f"multipart/alternative; boundary=\"{b}\""),
        ("Reply-To", f"{group}@{domain}"),
    ] + bottom
    return assemble(fields, body)


@message("list-googlegroups-02-french.eml", crlf=True)
def _(r):
    when = r.date(2020, 2022, "+0100")
    group, domain, sender = "club-photo", "example.com", "lea.martin@example.com"
    mid = f"{r.hex(8)}-{r.hex(4)}-{r.hex(4)}-{r.hex(4)}-{r.hex(12)}n@{domain}"
    top, bottom = ggroups_fields(r, when, group, domain, sender)
    text = """Bonjour à tous,

La sortie du dimanche 12 est maintenue malgré la météo : rendez-vous à
8 h 30 devant la gare. Pensez aux protections pluie pour vos boîtiers.

Pour ceux qui ont demandé : l'exposition de juin aura lieu à la
médiathèque, salle 2. Les tirages sont à déposer avant le 30 mai.

Bonne semaine,
Léa
"""
    footer = GG_FOOTER.format(name="Club photo", group=group, domain=domain, mid=mid)
    b = f"----=_Part_{r.num(10000, 99999)}_{r.num(100000000, 999999999)}.{epoch(when)}{r.num(100, 999)}"
    inner_b = f"----=_Part_{r.num(10000, 99999)}_{r.num(100000000, 999999999)}.{epoch(when)}{r.num(100, 999)}"
    inner = multipart(inner_b, [
        part([("Content-Type", "text/plain; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(text + "\n" + footer)),
        part([("Content-Type", "text/html; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<div>" + text.replace("\n", "<br />") + "</div>\n" + footer.replace("\n", "<br />\n"))),
    ], preamble=None)
    body = multipart(b, [part([("Content-Type", f"multipart/alternative; \n\tboundary=\"{inner_b}\"")], inner)],
                     preamble=None)
    fields = top[:1] + [
        postfix_rcvd(r, later(when, 4), "mail-yw1-f183.google.com", r.ip(), "mx.example.net", "paul@example.net"),
    ] + top[1:] + [
        ("Date", rfc(when)),
        ("From", f"=?UTF-8?Q?L=C3=A9a_Martin?= <{sender}>"),
        ("To", "Club photo <club-photo@example.com>"),
        ("Message-Id", f"<{mid}>"),
        ("Subject", ew("Sortie du 12 maintenue – exposition de juin", enc="Q")),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/mixed; \n\tboundary=\"{b}\""),
        ("X-Original-Sender", sender),
        ("Reply-To", f"{group}@{domain}"),
    ] + bottom[:10]
    return assemble(fields, body)


@message("list-googlegroups-03-pending-member.eml")
def _(r):
    when = r.date(2021, 2024, "-0500")
    group, domain = "volunteers", "example.org"
    gid = r.num(100000000000, 999999999999)
    fields = [
        ("Return-Path", f"<3{r.alnum(20)}{group}+owners@{domain}>"),
        postfix_rcvd(r, when, "mail-sor-f72.google.com", r.ip(), "mx.example.net", "owner@example.net"),
        ("DKIM-Signature", dkim(r, "google.com", "20230601", when, "mime-version:message-id:date:subject:from:to", "        ")),
        ("X-Google-DKIM-Signature", dkim(r, "1e100.net", "20230601", when, "x-gm-message-state:mime-version:message-id:date:subject:from:to", "        ")),
        ("X-Gm-Message-State", f"AOJu0Y{r.b64(60)}\n\t{r.b64(40)}"),
        ("X-Google-Smtp-Source", f"AGHT+I{r.b64(70)}=="),
        ("MIME-Version", "1.0"),
        ("X-Received", f"by 2002:a17:90a:{r.hex(4)}:b0:{r.hex(3)}:{r.hex(4)} with SMTP id {r.alnum(10)};\n        {rfc(when)}"),
        ("Message-ID", f"<00000000000{r.hex(5)}{r.hex(14)}@google.com>"),
        ("Date", rfc(when)),
        ("Subject", f"Volunteers: 1 pending membership request"),
        ("From", f"Volunteers <{group}+owners@{domain}>"),
        ("To", "owner@example.net"),
        ("Content-Type", "text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes"),
        ("Precedence", "bulk"),
        ("X-Google-Group-Id", f"{gid}"),
    ]
    body = f"""Volunteers
<https://groups.google.com/a/{domain}/group/{group}>

1 pending membership request

Sam Okoro (sam.okoro@example.com) has requested to join.
Reason: "I helped at the spring fair and would like to hear about the
next events."

Review pending members:
https://groups.google.com/a/{domain}/g/{group}/pending-members

You received this message because you're an owner of the group
Volunteers. To change how you receive these messages, visit
https://groups.google.com/a/{domain}/g/{group}/settings
"""
    return assemble(fields, body)


SYMPA_LIST = [
    ("X-Loop", "{lst}@lists.example.org"),
    ("X-Sequence", "{seq}"),
    ("Errors-To", "{lst}-owner@lists.example.org"),
    ("Precedence", "list"),
    ("Precedence", "bulk"),
    ("Sender", "{lst}-request@lists.example.org"),
    ("X-no-archive", "yes"),
    ("List-Id", "<{lst}.lists.example.org>"),
    ("List-Help", "<mailto:sympa@lists.example.org?subject=help>"),
    ("List-Subscribe", "<mailto:sympa@lists.example.org?subject=subscribe%20{lst}>"),
    ("List-Unsubscribe", "<mailto:sympa@lists.example.org?subject=unsubscribe%20{lst}>"),
    ("List-Post", "<mailto:{lst}@lists.example.org>"),
    ("List-Owner", "<mailto:{lst}-request@lists.example.org>"),
    ("List-Archive", "<https://lists.example.org/sympa/arc/{lst}>"),
    ("Archived-At", "<https://lists.example.org/sympa/arc/{lst}/{ym}/msg000{seq2}.html>"),
]


@message("list-sympa-01-seminaire-latin1.eml")
def _(r):
    when = r.date(2021, 2024, "+0100")
    lst = "labo-info"
    rcpt = "chercheur@example.net"
    text = """Bonjour à toutes et à tous,

Le séminaire du jeudi 14 mars (« Vérification formelle des protocoles
de messagerie ») aura lieu en salle B-204 et non en amphi C comme
annoncé. La visioconférence reste disponible sur le lien habituel.

Orateur : Rémi Garnier (laboratoire partenaire)
Résumé : après un rappel sur SMTP et les extensions DSN, l'exposé
présente une modélisation des échanges client/serveur et les propriétés
vérifiées automatiquement.

Cordialement,
Hélène Dubois
Secrétariat du laboratoire
"""
    fields = [
        ("Return-Path", f"<{lst}-owner@lists.example.org>"),
        postfix_rcvd(r, later(when, 30), "sympa.lists.example.org", r.ip(), "mx.example.net", rcpt),
        ("Received", f"from sympa.lists.example.org (localhost [127.0.0.1])\n\tby sympa.lists.example.org"
         f" (Postfix) with ESMTP id {r.postfix_id()}\n\tfor <{rcpt}>; {pfx(later(when, 28), 'CET')}"),
        ("Message-ID", f"<{r.hex(8)}-{r.hex(4)}@example.org>"),
        ("Date", rfc(when)),
        ("From", "=?ISO-8859-1?Q?H=E9l=E8ne_Dubois?= <helene.dubois@example.org>"),
        ("To", f"{lst}@lists.example.org"),
        ("Subject", "[labo-info] " + ew("Séminaire du 14 mars : changement de salle", "ISO-8859-1", "Q")),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=ISO-8859-1"),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.8.0"),
    ] + [(n, v.format(lst=lst, seq=r.num(1000, 4000), seq2=r.num(10, 99), ym=when.strftime("%Y-%m")))
         for n, v in SYMPA_LIST]
    return assemble(fields, qp(text, "iso-8859-1"))


@message("list-sympa-02-digest.eml")
def _(r):
    when = r.date(2020, 2023, "+0200")
    lst = "hydrology"
    items = [("Call for abstracts: spring workshop", "Deadline extended to 15 April."),
             ("Re: Gauge data gaps in 2019", "The gaps are due to a logger failure at station 12; the"
              " corrected series is now on the data portal."),
             ("Job: two-year postdoc position", "Details and how to apply in the attached announcement.")]
    digest_text = f"Digest of the list {lst}\n\nSummary\n\n" + "\n".join(
        f"{i + 1}. {s}" for i, (s, _) in enumerate(items)) + "\n\n" + "\n".join(
        f"----------------------------------------------------------------------\n\nDate: {rfc(later(when, -7200 * (3 - i)))}\n"
        f"From: {n}@example.org\nSubject: {s}\n\n{t}\n" for i, ((s, t), n) in
        enumerate(zip(items, ["k.ito", "m.schmidt", "secretariat"]))) + \
        f"\n----------------------------------------------------------------------\n\nEnd of {lst} digest\n"
    fields = [
        ("Return-Path", f"<{lst}-owner@lists.example.org>"),
        postfix_rcvd(r, when, "sympa.lists.example.org", r.ip(), "mx.example.net", "wei@example.net"),
        ("From", f"{lst}-request@lists.example.org"),
        ("To", f"{lst}@lists.example.org"),
        ("Reply-To", f"{lst}@lists.example.org"),
        ("Subject", f"{lst} digest, {when.strftime('%a %d %b %Y')}"),
        ("Date", rfc(when)),
        ("Message-Id", f"<digest.{lst}.{epoch(when)}@lists.example.org>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=\"utf-8\""),
        ("Content-Transfer-Encoding", "8bit"),
    ] + [(n, v.format(lst=lst, seq=r.num(1000, 4000), seq2=r.num(10, 99), ym=when.strftime("%Y-%m")))
         for n, v in SYMPA_LIST[:13]]
    return assemble(fields, digest_text)


LISTSERV_FOOTER = """
########################################################################

To unsubscribe from the {L} list, click the following link:
https://listserv.example.org/cgi-bin/wa?SUBED1={L}&A=1
"""


@message("list-listserv-01-post.eml", crlf=True)
def _(r):
    when = r.date(2019, 2022, "-0500")
    L = "STAT-L"
    fields = [
        ("Return-Path", f"<owner-{L}@LISTSERV.EXAMPLE.ORG>"),
        postfix_rcvd(r, later(when, 50), "listserv.example.org", r.ip(), "mx.example.net", "pat@example.net",
                     esmtp="ESMTP"),
        ("Received", f"from LISTSERV.EXAMPLE.ORG (LISTSERV.EXAMPLE.ORG) by LISTSERV.EXAMPLE.ORG\n"
         f"          (LISTSERV-TCP/IP release 16.5) with spool id {r.num(1000000, 9999999)}\n"
         f"          for {L}@LISTSERV.EXAMPLE.ORG; {rfc(later(when, 45))}"),
        ("Received", f"from mail.example.org ({r.ip()}) by listserv.example.org (LSMTP for Windows NT v1.1b)"
         f" with SMTP id <0.{r.up(8)}@listserv.example.org>; {rfc(later(when, 44))}"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=\"us-ascii\""),
        ("Content-Transfer-Encoding", "7bit"),
        ("Message-ID", f"<{r.alnum(24)}@example.org>"),
        ("Date", rfc(when)),
        ("Reply-To", f"Statistics discussion list <{L}@LISTSERV.EXAMPLE.ORG>"),
        ("Sender", f"Statistics discussion list <{L}@LISTSERV.EXAMPLE.ORG>"),
        ("From", "Jane Doe <jdoe@EXAMPLE.ORG>"),
        ("Subject", "Mixed models with crossed random effects: convergence warnings"),
        ("To", f"{L}@LISTSERV.EXAMPLE.ORG"),
        ("Precedence", "list"),
        ("List-Help", f"<https://listserv.example.org/cgi-bin/wa?LIST={L}>,\n"
         f"       <mailto:LISTSERV@LISTSERV.EXAMPLE.ORG?body=INFO%20{L}>"),
        ("List-Unsubscribe", f"<mailto:{L}-unsubscribe-request@LISTSERV.EXAMPLE.ORG>"),
        ("List-Subscribe", f"<mailto:{L}-subscribe-request@LISTSERV.EXAMPLE.ORG>"),
        ("List-Owner", f"<mailto:{L}-request@LISTSERV.EXAMPLE.ORG>"),
        ("List-Archive", f"<https://listserv.example.org/cgi-bin/wa?LIST={L}>"),
    ]
    body = """Dear colleagues,

I am fitting a linear mixed model with crossed random effects for
subject and item (about 120 subjects, 80 items, 9,600 rows) and keep
getting "Model failed to converge with max|grad| = 0.0031". The
estimates are practically identical across optimizers (bobyqa,
Nelder-Mead, nlminb), so I suspect a false positive.

Is it reasonable to report the model if all optimizers agree, or should
I simplify the random-effects structure first? References welcome.

Best regards,
Jane Doe
Department of Psychology
""" + LISTSERV_FOOTER.format(L=L)
    return assemble(fields, body)


@message("list-listserv-02-command-output.eml")
def _(r):
    when = r.date(2019, 2021, "+0000")
    L = "STAT-L"
    fields = [
        ("Return-Path", "<>"),
        postfix_rcvd(r, later(when, 5), "listserv.example.org", r.ip(), "mx.example.net", "pat@example.net",
                     esmtp="ESMTP"),
        ("Received", f"from LISTSERV.EXAMPLE.ORG by LISTSERV.EXAMPLE.ORG (LISTSERV-TCP/IP release 16.5) with"
         f" spool id {r.num(1000000, 9999999)} for pat@EXAMPLE.NET; {rfc(when)}"),
        ("Date", rfc(when)),
        ("From", "\"L-Soft list server at LISTSERV.EXAMPLE.ORG (16.5)\" <LISTSERV@LISTSERV.EXAMPLE.ORG>"),
        ("Subject", "Output of your job \"pat\""),
        ("To", "pat@EXAMPLE.NET"),
        ("Message-ID", f"<LISTSERV%{r.num(100000000000, 999999999999)}@LISTSERV.EXAMPLE.ORG>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=\"us-ascii\""),
    ]
    body = f"""> SET {L} DIGEST NOMAIL
You have been removed from the {L} list.

The distribution mode of Pat Quinn <pat@EXAMPLE.NET> for list {L} has
been successfully changed to NOMAIL. You will not receive any postings
from the list until you issue a "SET {L} MAIL" command.

> INDEX {L}
Archive files for the list {L}:

 * {L}.LOG2212  LOG      2,331  2022-12-31 00:02:13
 * {L}.LOG2301  LOG      1,987  2023-01-31 00:01:55

Summary of resource utilization
-------------------------------
 CPU time:        0.000 sec                Device I/O:       7
 Overhead CPU:    0.000 sec                Paging I/O:       0
 CPU model:     Processor type 8664
"""
    return assemble(fields, body)


def github_fields(r, when, repo, sender, reason, thread, mid_kind="issues", number=0, subject=""):
    token = r.up(26)
    return [
        ("Return-Path", f"<noreply@github.example.com>"),
        postfix_rcvd(r, later(when, 2), "out-21.smtp.github.example.com", r.ip(), "mx.example.net",
                     "maintainer@example.net"),
        ("Date", rfc(when)),
        ("DKIM-Signature", dkim(r, "github.example.com", "pf2023", when,
                                "Date:From:Reply-To:To:Cc:In-Reply-To:References:Subject:List-ID:List-Archive:List-Post:List-Unsubscribe:From", "\t")),
        ("From", f"{sender} <notifications@github.example.com>"),
        ("Reply-To", f"{repo} <reply+{token}@reply.github.example.com>"),
        ("To", f"{repo} <{repo.split('/')[1]}@noreply.github.example.com>"),
        ("Cc", f"Subscribed <subscribed@noreply.github.example.com>"),
        ("Message-ID", f"<{repo}/{mid_kind}/{number}/{r.num(1000000000, 9999999999)}@github.example.com>"),
        ("In-Reply-To", f"<{repo}/{mid_kind}/{number}@github.example.com>"),
        ("References", f"<{repo}/{mid_kind}/{number}@github.example.com>"),
        ("Subject", subject),
        ("Mime-Version", "1.0"),
    ], [
        ("Precedence", "list"),
        ("X-GitHub-Sender", sender.lower().replace(" ", "")),
        ("X-GitHub-Recipient", "maintainer"),
        ("X-GitHub-Reason", reason),
        ("List-ID", f"{repo} <{repo.split('/')[1]}.{repo.split('/')[0]}.github.example.com>"),
        ("List-Archive", f"https://github.example.com/{repo}"),
        ("List-Post", f"<mailto:reply+{token}@reply.github.example.com>"),
        ("List-Unsubscribe", f"<mailto:unsub+{token}@reply.github.example.com>,\n"
         f" <https://github.example.com/notifications/unsubscribe/{r.up(30)}>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("X-Auto-Response-Suppress", "All"),
        ("X-GitHub-Recipient-Address", "maintainer@example.net"),
    ]


def github_alt(r, text, html):
    b = f"--==_mimepart_{r.hex(13)}_{r.num(10, 99)}"
    return b, multipart(b, [
        part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "7bit")], text),
        part([("Content-Type", "text/html; charset=UTF-8"), ("Content-Transfer-Encoding", "7bit")], html),
    ], preamble=None)


@message("list-github-01-issue-dsn-snippet.eml")
def _(r):
    when = r.date(2024, 2025, "-0700")
    repo = "example-org/bounce-tools"
    text = """Opening this after the discussion in #311.

### What happens

Exchange Online NDRs that carry only the text part (no delivery-status
part, the "Remote server returned" style) are reported as *not a bounce*.

### Example (addresses changed)

```
Delivery has failed to these recipients or groups:

someone@example.com
The email address you entered couldn't be found. Please check the
recipient's email address and try to resend the message.

Diagnostic information for administrators:
Generating server: AM0PR07MB1234.eurprd07.prod.outlook.com
someone@example.com
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'
```

### Expected

One failed recipient with 550 / 5.1.10.

### Version

v0.9.3 on Debian 12.

—
Reply to this email directly, view it on GitHub
<https://github.example.com/example-org/bounce-tools/issues/318>, or unsubscribe
<https://github.example.com/notifications/unsubscribe-auth/AAB2>.
You are receiving this because you are subscribed to this thread.Message ID: <example-org/bounce-tools/issues/318@github.example.com>
"""
    html = "<p>Opening this after the discussion in #311.</p>\n<h3>What happens</h3>\n<p>Exchange Online NDRs " \
        "that carry only the text part ... are reported as <em>not a bounce</em>.</p>\n<pre><code>" + \
        text.split("```")[1].replace("<", "&lt;").replace(">", "&gt;") + "</code></pre>\n" \
        "<p>Reply to this email directly, <a href=\"https://github.example.com/example-org/bounce-tools/issues/318\">" \
        "view it on GitHub</a>.</p>\n"
    top, bottom = github_fields(r, when, repo, "kwame-o", "subscribed", 318, number=318,
                                subject="[example-org/bounce-tools] Exchange text-only NDRs not recognised (Issue #318)")
    b, body = github_alt(r, text, html)
    return assemble(top + [("Content-Type", f"multipart/alternative;\n boundary=\"{b}\";\n charset=UTF-8"),
                           ("Content-Transfer-Encoding", "7bit")] + bottom, body)


@message("list-github-02-ci-failed.eml", crlf=True)
def _(r):
    when = r.date(2023, 2025, "+0000")
    repo = "example-org/smtp-relay"
    sha = r.hex(7)
    text = f"""[{repo}] Run failed: CI - main ({sha})

CI: All jobs have failed
View workflow run: https://github.example.com/{repo}/actions/runs/{r.num(1000000000, 9999999999)}

build (gcc-12)
  Process completed with exit code 2.

build (clang-15)
  Process completed with exit code 2.

test-integration
  The job was not started because a dependency failed.

—
You are receiving this because you are subscribed to this thread.
Manage your GitHub Actions notifications here: https://github.example.com/settings/notifications
"""
    html = "<table><tr><td><b>CI: All jobs have failed</b></td></tr>" + \
        "".join(f"<tr><td>{j}</td><td>{m}</td></tr>" for j, m in
                [("build (gcc-12)", "Process completed with exit code 2."),
                 ("build (clang-15)", "Process completed with exit code 2."),
                 ("test-integration", "The job was not started because a dependency failed.")]) + "</table>\n"
    top, bottom = github_fields(r, when, repo, "github-actions[bot]", "ci_activity", 0, mid_kind="check-suites",
                                number=r.num(10000000000, 99999999999),
                                subject=f"[{repo}] Run failed: CI - main ({sha})")
    b, body = github_alt(r, text, html)
    return assemble(top + [("Content-Type", f"multipart/alternative;\n boundary=\"{b}\";\n charset=UTF-8"),
                           ("Content-Transfer-Encoding", "7bit")] + bottom, body)


@message("list-github-03-pr-review.eml")
def _(r):
    when = r.date(2022, 2025, "+0200")
    repo = "example-org/smtp-relay"
    text = """@lena-k requested changes on this pull request.

> @@ -212,7 +212,9 @@ static int deliver(struct conn *c)
>          if (reply >= 500)
> -            return fail_permanent(c, reply);
> +            return c->opts.soft_bounce
> +                ? fail_transient(c, reply)
> +                : fail_permanent(c, reply);

This turns every 5xx into a retry when soft_bounce is on, including
552 for message size. That is what Postfix does too, but then we need
the log line to say so, otherwise admins will wonder why a message
sits in the queue for five days.

In src/queue.c:

> +    if (age > c->opts.max_queue_lifetime)
> +        expire(c);

Please add a test for the boundary (age == lifetime).

—
Reply to this email directly, view it on GitHub, or unsubscribe.
You are receiving this because your review was requested.
"""
    html = "<p><b>@lena-k</b> requested changes on this pull request.</p>\n<pre>" + \
        text.replace("<", "&lt;").replace(">", "&gt;") + "</pre>\n"
    n = r.num(300, 900)
    top, bottom = github_fields(r, when, repo, "Lena K", "review_requested", n, mid_kind="pull",
                                number=n, subject=f"Re: [{repo}] Keep 5xx as transient when soft_bounce is set (PR #{n})")
    b, body = github_alt(r, text, html)
    return assemble(top + [("Content-Type", f"multipart/alternative;\n boundary=\"{b}\";\n charset=UTF-8"),
                           ("Content-Transfer-Encoding", "7bit")] + bottom, body)


@message("list-github-04-dependabot.eml")
def _(r):
    when = r.date(2023, 2025, "+0000")
    repo = "example-org/webshop"
    text = """Bumps the npm_and_yarn group with 2 updates in the / directory: nodemailer and express.

Updates nodemailer from 6.9.8 to 6.9.9
Release notes: fixes a ReDoS in the address parser (CVE published).

Updates express from 4.18.2 to 4.19.2

Dependabot will resolve any conflicts with this PR as long as you don't
alter it yourself.

You can view, comment on, or merge this pull request online at:

  https://github.example.com/example-org/webshop/pull/77

Commit Summary
  * chore(deps): bump the npm_and_yarn group across 1 directory with 2 updates

File Changes (2 files)
  * M package.json (4)
  * M package-lock.json (24)
"""
    html = "<p>Bumps the npm_and_yarn group with 2 updates.</p>\n<ul><li>nodemailer 6.9.8 &rarr; 6.9.9</li>" \
        "<li>express 4.18.2 &rarr; 4.19.2</li></ul>\n"
    top, bottom = github_fields(r, when, repo, "dependabot[bot]", "security_alert", 77, mid_kind="pull",
                                number=77, subject=f"[{repo}] chore(deps): bump the npm_and_yarn group across 1 directory"
                                " with 2 updates (PR #77)")
    top = [(n, v) for n, v in top if n not in ("In-Reply-To", "References")]
    b, body = github_alt(r, text, html)
    return assemble(top + [("Content-Type", f"multipart/alternative;\n boundary=\"{b}\";\n charset=UTF-8"),
                           ("Content-Transfer-Encoding", "7bit")] + bottom, body)


@message("list-gitlab-01-pipeline-failed.eml")
def _(r):
    when = r.date(2022, 2025, "+0100")
    pid = r.num(100000, 999999)
    sha = r.hex(8)
    fields = [
        ("Return-Path", "<gitlab@gitlab.example.com>"),
        postfix_rcvd(r, later(when, 1), "gitlab.example.com", r.ip(), "mx.example.net", "dev@example.net"),
        ("Date", rfc(when)),
        ("From", "GitLab <gitlab@gitlab.example.com>"),
        ("Reply-To", "GitLab <noreply@gitlab.example.com>"),
        ("To", "dev@example.net"),
        ("Message-ID", f"<{r.hex(32)}@gitlab.example.com>"),
        ("Subject", f"Failed pipeline for main | mail-infra | {sha}"),
        ("Mime-Version", "1.0"),
        ("Content-Type", "multipart/alternative;\n boundary=\"--==_mimepart_" + r.hex(13) + "_1a2b\";\n charset=UTF-8"),
        ("Content-Transfer-Encoding", "7bit"),
        ("Auto-Submitted", "auto-generated"),
        ("X-Auto-Response-Suppress", "All"),
        ("X-GitLab-Project", "mail-infra"),
        ("X-GitLab-Project-Id", f"{r.num(10, 999)}"),
        ("X-GitLab-Project-Path", "ops/mail-infra"),
        ("List-Id", "ops/mail-infra <" + f"{r.num(10, 999)}.mail-infra.ops.gitlab.example.com>"),
        ("X-GitLab-Pipeline-Id", f"{pid}"),
        ("X-GitLab-Pipeline-Ref", "main"),
        ("X-GitLab-Pipeline-Status", "failed"),
        ("X-GitLab-NotificationReason", ""),
    ]
    b = fields[9][1].split('"')[1]
    text = f"""Your pipeline has failed.

Project: mail-infra ( https://gitlab.example.com/ops/mail-infra )
Branch: main ( https://gitlab.example.com/ops/mail-infra/-/commits/main )

Commit: {sha} ( https://gitlab.example.com/ops/mail-infra/-/commit/{sha} )
Commit Message: postfix: raise smtpd_client_connection_rate_limit to 60
Commit Author: Ole Hansen

Pipeline #{pid} ( https://gitlab.example.com/ops/mail-infra/-/pipelines/{pid} ) triggered by Ole Hansen
had 1 failed job.

Job #{pid * 3} ( https://gitlab.example.com/ops/mail-infra/-/jobs/{pid * 3} )

Stage: test
Name: postfix-check

$ postfix -c ./etc check
postfix/postfix-script: warning: not owned by root: ./etc/main.cf
postfix: fatal: ./etc/main.cf, line 88: missing '=' after attribute name: "smtpd_relay_restrictions permit_mynetworks"
ERROR: Job failed: exit code 1
"""
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "7bit")], text),
        part([("Content-Type", "text/html; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<html><body><table><tr><td>Your pipeline has failed.</td></tr></table><pre>" +
                text.split("$ ")[1] + "</pre></body></html>\n")),
    ], preamble=None)
    return assemble(fields, body)


@message("list-discourse-01-forum-reply.eml")
def _(r):
    when = r.date(2022, 2025, "+0000")
    topic = r.num(1000, 9999)
    text = f"""[Example Community] [Mail servers] Postfix rejects outgoing mail with 554 5.7.1 relay access denied

https://forum.example.org/t/{topic}/4

kl_admin  Regular
{when.strftime('%B %-d')}

> Client host rejected: Access denied

That line comes from your own server, not from the recipient. Look at the
`smtpd_relay_restrictions` in main.cf: your laptop is not in mynetworks and
it does not authenticate, so Postfix treats it as an open-relay attempt.
Either enable SASL on the submission port (587) and configure the client
for it, or add the office subnet to mynetworks.

Visit Topic (https://forum.example.org/t/{topic}/4) or reply to this email to respond.

To unsubscribe from these emails, click here (https://forum.example.org/email/unsubscribe/{r.hex(64)}).
"""
    b = f"--==_mimepart_{r.hex(13)}_{r.num(100, 999)}"
    fields = [
        ("Return-Path", f"<reply+{r.hex(32)}@forum.example.org>"),
        postfix_rcvd(r, later(when, 3), "forum.example.org", r.ip(), "mx.example.net", "newbie@example.net"),
        ("Date", rfc(when)),
        ("From", "kl_admin via Example Community <community@forum.example.org>"),
        ("Reply-To", f"Example Community <reply+{r.hex(32)}@forum.example.org>"),
        ("To", "newbie@example.net"),
        ("Message-ID", f"<topic/{topic}/{r.num(10000, 99999)}.{r.hex(16)}@forum.example.org>"),
        ("In-Reply-To", f"<topic/{topic}@forum.example.org>"),
        ("References", f"<topic/{topic}@forum.example.org>"),
        ("Subject", "[Example Community] [Mail servers] Postfix rejects outgoing mail with 554 5.7.1 relay access denied"),
        ("Mime-Version", "1.0"),
        ("Content-Type", f"multipart/alternative;\n boundary=\"{b}\";\n charset=UTF-8"),
        ("Content-Transfer-Encoding", "7bit"),
        ("List-Unsubscribe", f"<https://forum.example.org/email/unsubscribe/{r.hex(64)}>"),
        ("List-ID", "Example Community | Mail servers <mail-servers.forum.example.org>"),
        ("List-Archive", f"https://forum.example.org/t/{topic}"),
        ("Precedence", "list"),
        ("Auto-Submitted", "auto-generated"),
        ("X-Auto-Response-Suppress", "All"),
        ("X-Discourse-Post-Id", f"{r.num(10000, 99999)}"),
        ("X-Discourse-Topic-Id", f"{topic}"),
    ]
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "7bit")], text),
        part([("Content-Type", "text/html; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<div><p>That line comes from your own server, not from the recipient.</p></div>\n")),
    ], preamble=None)
    return assemble(fields, body)


@message("list-ezmlm-01-post.eml")
def _(r):
    when = r.date(2019, 2021, "+0100")
    num = r.num(1000, 9999)
    fields = [
        ("Return-Path", f"<users-return-{num}-bob=example.net@example.org>"),
        ("Delivered-To", "bob@example.net"),
        ("Received", f"(qmail {r.num(1000, 30000)} invoked by uid 89); {utc(when).strftime('%-d %b %Y %H:%M:%S')} -0000"),
        ("Mailing-List", "contact users-help@example.org; run by ezmlm"),
        ("Precedence", "bulk"),
        ("List-Post", "<mailto:users@example.org>"),
        ("List-Help", "<mailto:users-help@example.org>"),
        ("List-Unsubscribe", "<mailto:users-unsubscribe@example.org>"),
        ("List-Subscribe", "<mailto:users-subscribe@example.org>"),
        ("Delivered-To", "mailing list users@example.org"),
        ("Received", f"(qmail {r.num(1000, 30000)} invoked from network); {utc(when).strftime('%-d %b %Y %H:%M:%S')} -0000"),
        ("Message-ID", f"<{r.hex(10)}.{r.hex(6)}@example.com>"),
        ("Date", rfc(when)),
        ("From", "Hans Peter <hp@example.com>"),
        ("To", "users@example.org"),
        ("Subject", "Re: qmail-remote and TLS: which patch?"),
        ("In-Reply-To", f"<{r.hex(10)}@example.org>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=us-ascii"),
    ]
    body = """On Tue, Oliver wrote:
> Which TLS patch do people use with netqmail these days?

The combined one that also does STARTTLS for qmail-remote, plus the
"remote auth" part if you relay through your provider. It has been
stable here for years. Remember that qmail-remote will still fall back
to plain text if the peer does not offer STARTTLS, unless you list the
host in control/tlsdestinations.

Hans Peter

---------------------------------------------------------------------
To unsubscribe, e-mail: users-unsubscribe@example.org
For additional commands, e-mail: users-help@example.org
"""
    return assemble(fields, body)


# ---------------------------------------------------------------------------
# Newsletters and bulk senders
# ---------------------------------------------------------------------------

def alt_qp(b, text, html, charset="utf-8"):
    return multipart(b, [
        part([("Content-Type", f"text/plain; charset=\"{charset}\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(text, charset)),
        part([("Content-Type", f"text/html; charset=\"{charset}\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(html, charset)),
    ], preamble=None)


def html_page(title, paragraphs, footer):
    ps = "\n".join(f"<tr><td style=\"padding:12px 24px;font-family:Helvetica,Arial,sans-serif;font-size:16px;"
                   f"line-height:24px;color:#202020\">{p}</td></tr>" for p in paragraphs)
    return (f"<!doctype html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"UTF-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head>\n"
            f"<body style=\"margin:0;padding:0;background:#f4f4f4\"><center><table width=\"600\" cellpadding=\"0\""
            f" cellspacing=\"0\" border=\"0\" style=\"background:#ffffff\">\n{ps}\n<tr><td style=\"padding:24px;"
            f"font-size:12px;color:#656565\">{footer}</td></tr></table></center></body></html>\n")


def mailchimp_fields(r, when, sender_name, sender_addr, rcpt, subject, dc="us21"):
    u, lid, cid = r.hex(25), r.hex(10), r.hex(10)
    mail_no = r.num(10, 250)
    return [
        ("Return-Path", f"<bounce-mc.{dc}_{r.num(10000000, 99999999)}.{r.num(1000000, 9999999)}-{rcpt.replace('@', '=')}@mail{mail_no}.atl{r.num(10, 99)}.mcdlv.example.net>"),
        postfix_rcvd(r, later(when, 2), f"mail{mail_no}.atl{r.num(10, 99)}.mcdlv.net", r.ip(), "mx.example.net", rcpt),
        ("DKIM-Signature", dkim(r, "mcdlv.net", "k3", when, "Subject:From:Reply-To:To:Date:Message-ID:List-ID:List-Unsubscribe:List-Unsubscribe-Post:Content-Type:MIME-Version:CC:Date:Subject:From", "\t")),
        ("DKIM-Signature", dkim(r, sender_addr.split("@")[1], "k2", when, "Subject:From:Reply-To:To:Date:Message-ID:List-ID:List-Unsubscribe:List-Unsubscribe-Post:Content-Type:MIME-Version:CC:Date:Subject:From", "\t")),
        ("Received", f"from localhost (localhost [127.0.0.1])\n\tby mail{mail_no}.atl{r.num(10, 99)}.mcdlv.net (Mailchimp) with ESMTP id {r.alnum(12)}\n"
         f"\tfor <{rcpt}>; {pfx(utc(when))}"),
        ("Subject", subject),
        ("From", f"{sender_name} <{sender_addr}>"),
        ("Reply-To", f"{sender_name} <{sender_addr}>"),
        ("To", f"<{rcpt}>"),
        ("Date", rfc(utc(when))),
        ("Message-ID", f"<{r.hex(25)}.{r.hex(10)}.{r.hex(10)}@mail{mail_no}.atl{r.num(10, 99)}.mcdlv.net>"),
        ("X-Mailer", f"Mailchimp Mailer - **CID{cid}{r.hex(10)}**"),
        ("X-Campaign", f"mailchimp{u}.{cid}"),
        ("X-campaignid", f"mailchimp{u}.{cid}"),
        ("X-Report-Abuse", f"Please report abuse for this campaign here:\n https://mailchimp.com/contact/abuse/?u={u}&id={cid}&e={r.hex(10)}"),
        ("X-MC-User", u),
        ("Feedback-ID", f"{r.num(10000000, 99999999)}:{r.num(10000000, 99999999)}.{r.num(100000, 999999)}:{dc}:mc"),
        ("List-ID", f"{u}mc list <{u}.{r.num(100000, 999999)}.list-id.mcsv.net>"),
        ("X-Accounttype", "pd"),
        ("List-Unsubscribe", f"<https://example.{dc}.list-manage.com/unsubscribe?u={u}&id={lid}&t=b&e={r.hex(10)}&c={cid}>,\n"
         f" <mailto:unsubscribe-mc.{dc}_{u}.{cid}-{r.hex(10)}@unsubscribe.mailchimpapp.example.net?subject=unsubscribe>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("x-mcda", "FALSE"),
    ]


@message("news-mailchimp-01-garden-emoji.eml")
def _(r):
    when = r.date(2022, 2024, "+0000")
    text = """** Spring at the nursery
------------------------------------------------------------

Hello gardeners,

The first seedlings are ready: tomatoes (six varieties), chillies and
sweet peas. Order online for collection on Saturday, or come by and
pick your own from the greenhouse.

** Workshop: pruning fruit trees
------------------------------------------------------------
Sunday 10:00, free for members. Bring gloves and secateurs.

============================================================
Copyright © 2024 Green Fingers Nursery, All rights reserved.
You are receiving this email because you signed up at our shop.

Want to change how you receive these emails?
You can update your preferences (https://example.us21.list-manage.com/profile?u=abc)
or unsubscribe (https://example.us21.list-manage.com/unsubscribe?u=abc)
"""
    html = html_page("Spring at the nursery", [
        "<h1>Spring at the nursery 🌱</h1>",
        "Hello gardeners,<br>The first seedlings are ready: tomatoes (six varieties), chillies and sweet peas.",
        "<strong>Workshop: pruning fruit trees</strong><br>Sunday 10:00, free for members.",
    ], "Copyright © 2024 Green Fingers Nursery, All rights reserved.<br><a href=\"https://example.us21.list-manage.com/unsubscribe?u=abc\">unsubscribe</a>")
    b = f"_----------={r.num(10 ** 13, 10 ** 14)}{r.num(1000, 9999)}"
    fields = mailchimp_fields(r, when, "Green Fingers Nursery", "hello@greenfingers.example.com", "ines@example.net",
                              "=?utf-8?Q?=F0=9F=8C=B1_Seedlings_are_ready_=26_a_pruning_workshop?=")
    fields += [("Content-Type", f"multipart/alternative; boundary=\"{b}\""), ("MIME-Version", "1.0")]
    return assemble(fields, "This is a multi-part message in MIME format\n\n" + alt_qp(b, text, html))


@message("news-mailchimp-02-spanish.eml", crlf=True)
def _(r):
    when = r.date(2021, 2023, "+0100")
    text = """Boletín de la asociación – marzo

Hola, vecinas y vecinos:

* La asamblea general será el jueves 21 a las 19:00 en el centro cívico.
* Seguimos recogiendo firmas para la mejora del parque de la plaza.
* El mercadillo solidario recaudó 1.240 €. ¡Gracias a todas!

Un saludo,
La junta directiva

-------------------------------------------
¿Ya no quieres recibir estos correos?
Puedes darte de baja aquí: https://example.us14.list-manage.com/unsubscribe
"""
    html = html_page("Boletín de marzo", [p.replace("\n", "<br>") for p in text.split("\n\n")[:4]],
                     "Asociación Vecinal Example · Calle Mayor 1 · <a href=\"https://example.us14.list-manage.com/unsubscribe\">Darse de baja</a>")
    b = f"_----------={r.num(10 ** 13, 10 ** 14)}{r.num(1000, 9999)}"
    fields = mailchimp_fields(r, when, "=?utf-8?Q?Asociaci=C3=B3n_Vecinal?=", "boletin@vecinos.example.org",
                              "marta@example.net", ew("Boletín de marzo: asamblea, parque y mercadillo", enc="Q"), dc="us14")
    fields += [("Content-Type", f"multipart/alternative; boundary=\"{b}\""), ("MIME-Version", "1.0")]
    return assemble(fields, "This is a multi-part message in MIME format\n\n" + alt_qp(b, text, html))


def sendgrid_fields(r, when, frm, rcpt, subject, sender_domain):
    em = f"em{r.num(1000, 9999)}.{sender_domain}"
    return [
        ("Return-Path", f"<bounces+{r.num(1000000, 9999999)}-{r.hex(4)}-{rcpt.replace('@', '=')}@{em}>"),
        postfix_rcvd(r, later(when, 1), f"o{r.num(1, 9)}.ptr{r.num(1000, 9999)}.{em}", r.ip(), "mx.example.net", rcpt),
        ("DKIM-Signature", dkim(r, sender_domain, "s1", when,
                                "content-type:from:mime-version:subject:list-unsubscribe:list-unsubscribe-post:x-feedback-id:to:cc:content-type:from:subject:to", "\t")),
        ("Received", f"by filterdrecv-{r.num(5, 9)}{r.hex(9)}-{r.alnum(5)} with SMTP id filterdrecv-{r.hex(11)}-1-{r.hex(8)}-{r.num(1, 99)}\n"
         f"        {rfc(utc(when))}"),
        ("Received", f"from {r.alnum(22)} (unknown)\n\tby geopod-ismtpd-{r.num(1, 40)} (SG) with HTTP\n\tid {r.alnum(22)}\n"
         f"\tfor <{rcpt}>;\n\t{utc(when).strftime('%a, %d %b %Y %H:%M:%S.')}{r.num(100, 999)} +0000 (UTC)"),
        ("Content-Type", None),
        ("Date", utc(when).strftime("%a, %d %b %Y %H:%M:%S +0000 (UTC)")),
        ("From", frm),
        ("Mime-Version", "1.0"),
        ("Message-ID", f"<{r.alnum(22)}@geopod-ismtpd-{r.num(1, 40)}>"),
        ("Subject", subject),
        ("X-Feedback-ID", f"{r.num(1000000, 9999999)}:SG"),
        ("X-SG-EID", "\n " + folded_blob(r, 200, " ", 76)),
        ("X-SG-ID", "\n " + folded_blob(r, 120, " ", 76)),
        ("To", rcpt),
        ("X-Entity-ID", f"u001.{r.alnum(22)}=="),
        ("List-Unsubscribe", f"<https://u{r.num(1000000, 9999999)}.ct.sendgrid.net/asm/unsubscribe/?user_id={r.num(1000000, 9999999)}&data={r.alnum(40)}>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
    ]


def with_ct(fields, ct):
    return [(n, ct if n == "Content-Type" and v is None else v) for n, v in fields]


@message("news-sendgrid-01-product-update.eml")
def _(r):
    when = r.date(2023, 2025, "+0000")
    b = r.hex(64)
    text = """What's new in Ledgerly – April

* Bank feeds: two more banks are supported, and imports now run every
  four hours instead of once a day.
* Invoices: you can attach a PDF of your terms to every invoice.
* Fixed: CSV exports no longer drop the last row when it has a comma in
  the description.

Read the full changelog: https://ledgerly.example.com/changelog

You're receiving this because you have a Ledgerly account.
Unsubscribe from product updates: https://ledgerly.example.com/prefs
Ledgerly Ltd, 1 Example Street, Anytown
"""
    html = html_page("What's new in Ledgerly", [
        "<h2>What's new in Ledgerly – April</h2>",
        "<b>Bank feeds:</b> two more banks are supported, and imports now run every four hours.",
        "<b>Invoices:</b> attach a PDF of your terms to every invoice.",
        "<b>Fixed:</b> CSV exports no longer drop the last row.",
    ], "Ledgerly Ltd, 1 Example Street, Anytown · <a href=\"https://ledgerly.example.com/prefs\">Unsubscribe</a>")
    fields = with_ct(sendgrid_fields(r, when, "Ledgerly <news@ledgerly.example.com>", "owner@example.net",
                                     "What's new in Ledgerly: faster bank feeds, invoice terms", "ledgerly.example.com"),
                     f"multipart/alternative; boundary={b}")
    body = multipart(b, [
        part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", "text/plain; charset=us-ascii"),
              ("Mime-Version", "1.0")], qp(text.replace("–", "-"), "us-ascii")),
        part([("Content-Transfer-Encoding", "base64"), ("Content-Type", "text/html; charset=utf-8"),
              ("Mime-Version", "1.0")], b64body(html)),
    ], preamble=None)
    return assemble(fields, body)


@message("news-sendgrid-02-webinar-reminder.eml")
def _(r):
    when = r.date(2022, 2025, "+0000")
    html = html_page("Your webinar starts in 1 hour", [
        "<h2>Starting in 1 hour: Email deliverability in 2024</h2>",
        "Hi Sam,<br>Your webinar starts at 17:00 UTC. Join from your browser, no download needed.",
        "<a href=\"https://events.example.com/join/8821\" style=\"background:#1a73e8;color:#fff;padding:10px 18px\">Join webinar</a>",
        "Agenda: authentication (SPF, DKIM, DMARC), reading bounce codes, list hygiene, one-click unsubscribe.",
    ], "Example Events · <a href=\"https://events.example.com/prefs\">Email preferences</a>")
    fields = with_ct(sendgrid_fields(r, when, "Example Events <events@events.example.com>", "sam@example.net",
                                     "Starting in 1 hour: Email deliverability in 2024", "events.example.com"),
                     "text/html; charset=utf-8")
    fields.insert(fields.index(("Mime-Version", "1.0")) + 1, ("Content-Transfer-Encoding", "quoted-printable"))
    return assemble(fields, qp(html))


def ses_fields(r, when, frm, rcpt, subject, domain, region="us-east-1", extra=()):
    mid = f"0100{r.hex(12)}-{r.guid()}-000000"
    return [
        ("Return-Path", f"<{mid}@bounce.{domain}>"),
        postfix_rcvd(r, later(when, 1), f"a{r.num(8, 48)}-{r.num(1, 250)}.smtp-out.amazonses.com", r.ip(),
                     "mx.example.net", rcpt),
        ("DKIM-Signature", dkim(r, domain, r.alnum(32).lower(), when,
                                "Content-Type:From:To:Subject:MIME-Version:Message-ID:Date", "\t")),
        ("DKIM-Signature", dkim(r, "amazonses.com", r.alnum(32).lower(), when,
                                "Content-Type:From:To:Subject:MIME-Version:Message-ID:Date:Feedback-ID", "\t")),
        ("Content-Type", None),
        ("From", frm),
        ("To", rcpt),
        ("Subject", subject),
        ("MIME-Version", "1.0"),
        ("Message-ID", f"<{mid}@email.amazonses.com>"),
        ("Date", rfc(utc(when))),
        ("Feedback-ID", f"1.{region}.{r.b64(43).replace('/', 'x')}=:AmazonSES"),
        ("X-SES-Outgoing", f"{utc(when).strftime('%Y.%m.%d')}-{r.ip()}"),
    ] + list(extra)


@message("news-ses-01-account-digest.eml")
def _(r):
    when = r.date(2023, 2025, "+0000")
    b = f"----=_Part_{r.num(100000, 999999)}_{r.num(100000000, 999999999)}.{epoch(when)}{r.num(100, 999)}"
    text = """Your weekly summary

Projects: 4 active, 1 archived
Tasks completed this week: 37 (up 12%)
Overdue: 2 – "Quarterly filing" and "Renew SSL certificate"

Open the dashboard: https://app.example.com/dashboard

You can change the frequency of these summaries in Settings > Notifications.
"""
    html = html_page("Your weekly summary", [p.replace("\n", "<br>") for p in text.split("\n\n")],
                     "Example Tasks Inc. · <a href=\"https://app.example.com/settings/notifications\">Notification settings</a>")
    fields = with_ct(ses_fields(r, when, "Example Tasks <no-reply@app.example.com>", "lee@example.net",
                                "Your weekly summary: 37 tasks done, 2 overdue", "app.example.com",
                                extra=[("List-Unsubscribe", "<https://app.example.com/u/" + r.hex(32) + ">"),
                                       ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]),
                     f"multipart/alternative; \n\tboundary=\"{b}\"")
    return assemble(fields, alt_qp(b, text, html))


@message("news-ses-02-japanese-iso2022.eml", crlf=True)
def _(r):
    when = r.date(2022, 2024, "+0900")
    text = """山田 太郎 様

いつもご利用いただきありがとうございます。
今月のお知らせをお送りします。

■ 春の新商品のご案内
　桜の香りのハンドクリームを4月1日より販売いたします。

■ 配送料金改定のお知らせ
　5月より一部地域の配送料金を改定いたします。

今後ともよろしくお願いいたします。

──────────────────
株式会社エグザンプル　お客様窓口
https://shop.example.jp/
※本メールは送信専用アドレスからお送りしています。
"""
    fields = with_ct(ses_fields(r, when, ew("エグザンプル・ショップ", "ISO-2022-JP") + " <info@shop.example.jp>",
                                "taro@example.net", ew("【エグザンプル】4月のお知らせ", "ISO-2022-JP"), "shop.example.jp",
                                region="ap-northeast-1"), "text/plain; charset=ISO-2022-JP")
    fields.append(("Content-Transfer-Encoding", "7bit"))
    body = text.encode("iso-2022-jp").decode("ascii")
    return assemble(fields, body)


@message("news-ses-03-bulk-digest.eml")
def _(r):
    when = r.date(2021, 2023, "+0000")
    b = f"----=_Part_{r.num(100000, 999999)}_{r.num(100000000, 999999999)}.{epoch(when)}{r.num(100, 999)}"
    text = """Top stories this week on Example Dev Weekly

1. Why your DMARC reports say "fail" even though DKIM passes
   Alignment, not signatures: a walk through relaxed vs strict.

2. Bounce handling at scale
   How one team cut their hard-bounce rate from 3% to 0.2% by
   cleaning lists and honouring 5.1.1 replies the first time.

3. Rust 2024 edition: what changes for async code

-- 
You are subscribed as dev@example.net.
Unsubscribe: https://weekly.example.org/unsubscribe/""" + r.hex(24) + "\n"
    html = html_page("Example Dev Weekly", [p.replace("\n", "<br>") for p in text.split("\n\n")[:4]],
                     "Example Dev Weekly · <a href=\"https://weekly.example.org/unsubscribe\">Unsubscribe</a>")
    fields = with_ct(ses_fields(r, when, "Example Dev Weekly <issue@weekly.example.org>", "dev@example.net",
                                "Issue #212: DMARC alignment, bounce handling at scale, Rust 2024", "weekly.example.org",
                                extra=[("Precedence", "bulk"),
                                       ("List-Unsubscribe", "<mailto:unsubscribe@weekly.example.org?subject=unsubscribe>, "
                                        "<https://weekly.example.org/unsubscribe/" + r.hex(24) + ">"),
                                       ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                                       ("X-Auto-Response-Suppress", "OOF, AutoReply")]),
                     f"multipart/alternative; \n\tboundary=\"{b}\"")
    return assemble(fields, alt_qp(b, text, html))


def mailgun_fields(r, when, frm, rcpt, subject, domain, tag):
    return [
        ("Return-Path", f"<bounce+{r.hex(6)}.{r.hex(6)}-{rcpt.replace('@', '=')}@mg.{domain}>"),
        postfix_rcvd(r, later(when, 2), f"m{r.num(10, 250)}-{r.num(10, 250)}.mailgun.net", r.ip(), "mx.example.net", rcpt),
        ("DKIM-Signature", dkim(r, f"mg.{domain}", "mx", when,
                                "List-Unsubscribe-Post: List-Unsubscribe: Content-Type: Mime-Version: Subject: Subject: From: From: To: To: Date: Message-Id: Reply-To: Sender",
                                "\t", extra=f" q=dns/txt;")),
        ("X-Mailgun-Sending-Ip", r.ip()),
        ("X-Mailgun-Sid", f"{r.b64(60)}"),
        ("Received", f"by {r.alnum(8)}.{r.alnum(6)} with HTTP id {r.hex(24)}; {rfc(utc(when))}"),
        ("X-Mailgun-Batch-Id", r.hex(24)),
        ("X-Mailgun-Tag", tag),
        ("X-Mailgun-Track-Clicks", "true"),
        ("X-Mailgun-Variables", "{\"category\": \"post\", \"post_id\": \"" + str(r.num(10000000, 99999999)) +
         "\", \"pub_id\": \"" + str(r.num(100000, 999999)) + "\", \"user_id\": \"" + str(r.num(10000000, 99999999)) + "\"}"),
        ("Sender", frm.split("<")[0] + f"<{frm.split('<')[1].split('@')[0]}@{domain}>"),
        ("Date", rfc(utc(when))),
        ("Subject", subject),
        ("From", frm),
        ("To", rcpt),
        ("Message-Id", f"<{epoch(when)}{r.num(100, 999)}.{r.num(10000, 99999)}@{domain}>"),
        ("Reply-To", frm),
        ("List-Unsubscribe", f"<https://{domain}/action/disable_email?token={r.alnum(50)}>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("List-Id", f"<{frm.split('<')[1].split('@')[0]}.{domain}>"),
        ("Mime-Version", "1.0"),
    ]


@message("news-substack-01-essay.eml")
def _(r):
    when = r.date(2023, 2025, "+0000")
    b = r.hex(32)
    text = """The quiet art of the out-of-office reply

Every August the same ritual: you write to someone and get back a
cheerful paragraph about a beach. Some of them are works of art. Most
of them are accidental security leaks ("I am away until the 28th; for
urgent payments contact my assistant at ...").

This week I looked at how auto-replies are supposed to behave. RFC 3834
says an automatic responder should not answer mail from mailing lists,
should not answer the same sender twice within a few days, and should
label itself with "Auto-Submitted: auto-replied" so that other robots
know not to reply to it. Very few follow all of that.

[... read the rest on the web ...]

Read on the web: https://quietinbox.example.com/p/out-of-office

You're currently a free subscriber to The Quiet Inbox. For the full
experience, upgrade your subscription.

Unsubscribe https://quietinbox.example.com/action/disable_email
"""
    html = html_page("The quiet art of the out-of-office reply",
                     [p.replace("\n", " ") for p in text.split("\n\n")[:5]],
                     "© 2024 The Quiet Inbox · <a href=\"https://quietinbox.example.com/action/disable_email\">Unsubscribe</a>")
    fields = mailgun_fields(r, when, "The Quiet Inbox <quietinbox@substack.example.com>", "reader@example.net",
                            "The quiet art of the out-of-office reply", "substack.example.com", "post")
    fields += [("Content-Type", f"multipart/alternative; boundary=\"{b}\"")]
    return assemble(fields, alt_qp(b, text, html))


@message("news-substack-02-portuguese.eml")
def _(r):
    when = r.date(2022, 2024, "-0300")
    b = r.hex(32)
    text = """Caderno de Receitas — edição 48

Olá!

Esta semana: pão de queijo de frigideira, moqueca de banana-da-terra e
um bolo de fubá que não leva farinha de trigo.

Dica da semana: o polvilho azedo deixa o pão de queijo mais aerado;
o doce, mais macio. Misture os dois, meio a meio.

Boa cozinha,
Renata

Você está recebendo este e-mail porque se inscreveu no Caderno de Receitas.
Cancelar inscrição: https://caderno.example.com/action/disable_email
"""
    html = html_page("Caderno de Receitas", [p.replace("\n", " ") for p in text.split("\n\n")[:5]],
                     "<a href=\"https://caderno.example.com/action/disable_email\">Cancelar inscrição</a>")
    fields = mailgun_fields(r, when, "=?utf-8?q?Caderno_de_Receitas?= <caderno@substack.example.com>",
                            "ana.paula@example.net", ew("Edição 48: pão de queijo, moqueca e bolo de fubá", enc="Q"),
                            "substack.example.com", "post")
    fields += [("Content-Type", f"multipart/alternative; boundary=\"{b}\"")]
    return assemble(fields, alt_qp(b, text, html))


@message("news-mailgun-01-release-notes.eml", crlf=True)
def _(r):
    when = r.date(2021, 2024, "+0000")
    text = """Hi there,

Version 3.8 of Example Backup is out.

- Incremental snapshots are now verified after upload.
- The restore wizard shows the size before it starts.
- Failure e-mails now include the job log, so you can see at a glance
  why a backup did not finish.

Upgrade from the app (Settings > About > Check for updates).

Thanks,
The Example Backup team

--
You receive release notes because you opted in. Manage: https://backup.example.com/account/email
"""
    fields = mailgun_fields(r, when, "Example Backup <releases@backup.example.com>", "ops@example.net",
                            "Example Backup 3.8: verified snapshots, clearer failure e-mails", "backup.example.com",
                            "release-notes")
    fields += [("Content-Type", "text/plain; charset=\"ascii\""), ("Content-Transfer-Encoding", "7bit")]
    return assemble(fields, text)


@message("news-postmark-01-broadcast.eml")
def _(r):
    when = r.date(2023, 2025, "+0000")
    b = f"mk3-{r.hex(32)}"
    text = """Scheduled maintenance: Saturday 02:00–04:00 UTC

We will upgrade the database cluster behind Example Status Pages. During
the window, dashboards stay readable but changes cannot be saved, and
incident notifications may be delayed by up to 10 minutes.

No action is needed on your side.

— The Example Status team
Unsubscribe from maintenance notices: https://status.example.com/unsubscribe
"""
    html = html_page("Scheduled maintenance", [p.replace("\n", " ") for p in text.split("\n\n")[:4]],
                     "<a href=\"https://status.example.com/unsubscribe\">Unsubscribe</a>")
    fields = [
        ("Return-Path", "<pm_bounces@pm-bounces.status.example.com>"),
        postfix_rcvd(r, later(when, 1), f"sc-ord-mta{r.num(100, 199)}.mtasv.net", r.ip(), "mx.example.net", "admin@example.net"),
        ("DKIM-Signature", dkim(r, "status.example.com", f"{epoch(when) // 100000}pm", when,
                                "From:Date:Subject:Message-Id:To:MIME-Version:Content-Type:List-Unsubscribe:List-Unsubscribe-Post", "\t")),
        ("DKIM-Signature", dkim(r, "pm.mtasv.net", "pm20240101", when,
                                "From:Date:Subject:Message-Id:To:MIME-Version:Content-Type:List-Unsubscribe:List-Unsubscribe-Post:Feedback-ID", "\t")),
        ("From", "Example Status <notices@status.example.com>"),
        ("Date", rfc(utc(when))),
        ("Subject", "Scheduled maintenance: Saturday 02:00-04:00 UTC"),
        ("Message-Id", f"<{r.guid()}@mtasv.net>"),
        ("To", "admin@example.net"),
        ("Feedback-ID", f"s{r.num(1000000, 9999999)}-_:s{r.num(1000000, 9999999)}:a{r.num(100000, 999999)}:broadcasts:postmark"),
        ("X-Complaints-To", "abuse@status.example.com"),
        ("X-Job", f"{r.num(100000, 999999)}_{r.num(1000000, 9999999)}"),
        ("X-PM-Message-Id", r.guid()),
        ("X-PM-RCPT", f"|bTB8{r.num(100000, 999999)}|{r.num(1000000, 9999999)}|admin@example.net|"),
        ("X-PM-Message-Options", "v1;" + r.b64(60)),
        ("X-PM-Tag", "maintenance"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("List-Unsubscribe", f"<https://subscriptions.pstmrk.it/unsubscribe?m=1.{r.alnum(30)}>"),
        ("MIME-Version", "1.0"),
        ("X-PM-MTA-Pool", "broadcasts-1"),
        ("Content-Type", f"multipart/alternative; boundary=\"{b}\""),
    ]
    return assemble(fields, alt_qp(b, text, html))


@message("news-brevo-01-event.eml")
def _(r):
    when = r.date(2022, 2024, "+0200")
    html = html_page("Invitation : portes ouvertes", [
        "<h1>Portes ouvertes de l'atelier</h1>",
        "Samedi 15 juin, de 10 h à 18 h : démonstrations de reliure, stands des artisans du quartier et atelier pour enfants.",
        "Entrée libre. Merci de vous inscrire si vous venez en groupe.",
    ], "Atelier Example · 3 rue de l'Exemple · <a href=\"https://r.example.fr/unsub\">Se désinscrire</a>")
    fields = [
        ("Return-Path", f"<bounces-{r.num(100000, 999999)}-{r.hex(16)}@bounces.atelier.example.fr>"),
        postfix_rcvd(r, later(when, 1), f"smtp-relay.sendinblue.com",
                     r.ip(), "mx.example.net", "claire@example.net"),
        ("DKIM-Signature", dkim(r, "atelier.example.fr", "mail", when, "from:to:subject:date:message-id:list-unsubscribe", "\t")),
        ("Date", rfc(when)),
        ("From", "=?UTF-8?Q?Atelier_Example?= <contact@atelier.example.fr>"),
        ("Reply-To", "contact@atelier.example.fr"),
        ("To", "claire@example.net"),
        ("Message-Id", f"<{r.hex(32)}@smtp-relay.mailin.fr>"),
        ("Subject", ew("Invitation : portes ouvertes de l'atelier, samedi 15 juin", enc="Q")),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("X-Mailer", "Sendinblue"),
        ("X-sib-id", r.alnum(60)),
        ("X-CSA-Complaints", "csa-complaints@example.org"),
        ("Feedback-ID", f"{r.ip()}:{r.num(1000000, 9999999)}_{r.num(10, 99)}:{r.num(1000000, 9999999)}:Sendinblue"),
        ("List-Unsubscribe", f"<https://r.atelier.example.fr/unsub/{r.hex(20)}>, <mailto:unsubscribe@atelier.example.fr>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("Precedence", "bulk"),
    ]
    return assemble(fields, qp(html))


@message("news-constantcontact-01-charity.eml")
def _(r):
    when = r.date(2019, 2022, "-0500")
    b = f"----=_Part_{r.num(1000000, 9999999)}_{r.num(1000000, 9999999)}.{epoch(when)}{r.num(100, 999)}"
    text = """Food Bank News - Winter Appeal

Dear friend,

Thanks to you, we delivered 12,400 meals last month. The winter appeal
starts today: every $25 provides a week of groceries for a family.

Volunteer shifts for the holiday drive are open. Sign up online.

With gratitude,
Example County Food Bank

Example County Food Bank | 100 Main St | Anytown
Unsubscribe dana@example.net
Update Profile | Constant Contact Data Notice
Sent by news@foodbank.example.org
"""
    html = html_page("Food Bank News", [p.replace("\n", "<br>") for p in text.split("\n\n")[:5]],
                     "Example County Food Bank | 100 Main St | Anytown")
    fields = [
        ("Return-Path", f"<bounce-{r.num(1000000, 9999999)}_HTML-{r.num(100000000, 999999999)}-{r.num(100000, 999999)}-{r.num(1000, 9999)}-0@bounce.foodbank.example.org>"),
        postfix_rcvd(r, later(when, 2), f"ccm{r.num(10, 99)}.constantcontact.com", r.ip(), "mx.example.net", "dana@example.net"),
        ("DKIM-Signature", dkim(r, "foodbank.example.org", "1000073432", when, "date:mime-version:subject:x-feedback-id:x-250ok-cid:message-id:from:to:list-unsubscribe:list-unsubscribe-post", "\t")),
        ("Date", rfc(when)),
        ("From", "Example County Food Bank <news@foodbank.example.org>"),
        ("Reply-To", "news@foodbank.example.org"),
        ("To", "dana@example.net"),
        ("Message-ID", f"<{r.num(1000000000, 9999999999)}.{r.num(1000000000000, 9999999999999)}.JavaMail.app@ccprod-v{r.num(1, 9)}-{r.num(10, 99)}>"),
        ("Subject", "Winter appeal: a week of groceries for $25"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/alternative; \n\tboundary=\"{b}\""),
        ("List-Unsubscribe", f"<https://visitor.constantcontact.com/do?p=un&m=001{r.alnum(20)}>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("X-Campaign-Activity-ID", r.guid()),
        ("X-Channel-ID", r.guid()),
        ("X-Return-Path-Hint", f"s{r.num(100000, 999999)}@ccsend.example.org"),
        ("X-Roving-Campaignid", f"{r.num(1000000000000, 9999999999999)}"),
        ("X-Roving-Id", f"{r.num(1000000000000, 9999999999999)}.{r.num(1000000000000, 9999999999999)}"),
        ("X-Feedback-ID", f"{r.guid()}:{r.guid()}:email:epmwebmail"),
        ("X-250ok-CID", r.guid()),
        ("X-Mailer", "Roving Constant Contact 2012 (http://www.constantcontact.com)"),
    ]
    return assemble(fields, alt_qp(b, text, html, "utf-8"))


@message("news-hubspot-01-b2b.eml")
def _(r):
    when = r.date(2022, 2025, "-0400")
    b = f"----=_Part_{r.num(1000000, 9999999)}_{r.num(1000000, 9999999)}.{epoch(when)}{r.num(100, 999)}"
    text = """Hi Morgan,

Quick follow-up on the deliverability checklist you downloaded last
week. Teams usually get stuck on two things:

1. Warming up a new sending IP too fast.
2. Keeping addresses that returned a hard bounce on the list.

If either sounds familiar, our 20-minute audit call is free this month.
Book a slot: https://meetings.example.com/morgan-audit

Best,
Jordan Lee
Customer Success, Example Mail Tools
Unsubscribe: https://hs.example.com/hs/manage-preferences/unsubscribe
"""
    html = html_page("Follow-up", [p.replace("\n", "<br>") for p in text.split("\n\n")],
                     "Example Mail Tools, 200 Harbor Way · <a href=\"https://hs.example.com/hs/manage-preferences/unsubscribe\">Unsubscribe</a>")
    fields = [
        ("Return-Path", f"<1axbtu{r.alnum(20).lower()}@bf{r.num(10, 99)}.hubspotemail.example.com>"),
        postfix_rcvd(r, later(when, 2), f"bid{r.num(100, 999)}.hubspotemail.net", r.ip(), "mx.example.net", "morgan@example.net"),
        ("DKIM-Signature", dkim(r, "example.com", "hs1", when, "Subject:List-Unsubscribe:Reply-To:To:From:Date:Message-ID:MIME-Version:Content-Type", "\t")),
        ("Date", rfc(when)),
        ("From", "Jordan Lee <jordan@example.com>"),
        ("Reply-To", "jordan@example.com"),
        ("To", "morgan@example.net"),
        ("Message-ID", f"<{epoch(when)}{r.num(100, 999)}.{r.guid()}@bf{r.num(10, 99)}.hubspotemail.net>"),
        ("Subject", "Two things that hurt deliverability"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/alternative; \n\tboundary=\"{b}\""),
        ("X-HubSpot-MID", f"{r.num(100000000, 999999999)}"),
        ("X-HS-Cid", r.alnum(40)),
        ("X-Report-Abuse-To", "abuse@example.com"),
        ("List-Unsubscribe", f"<https://hs.example.com/hs/manage-preferences/unsubscribe?d={r.alnum(40)}>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("Precedence", "bulk"),
        ("X-Auto-Response-Suppress", "AutoReply"),
    ]
    return assemble(fields, alt_qp(b, text, html))


@message("news-phplist-01-selfhosted.eml")
def _(r):
    when = r.date(2019, 2022, "+0100")
    b = f"b1_{r.hex(32)}"
    text = """Vereinsnachrichten Februar

Liebe Mitglieder,

die Jahreshauptversammlung findet am Freitag, 28. Februar, um 19:30 Uhr
im Vereinsheim statt. Die Tagesordnung hängt am Schwarzen Brett aus.

Beitragseinzug: Der Jahresbeitrag wird Anfang März abgebucht. Bitte
teilt uns geänderte Bankverbindungen bis Ende Februar mit.

Sportliche Grüße
Der Vorstand

--
Abmelden: https://verein.example.de/lists/?p=unsubscribe&uid=""" + r.hex(32) + "\n"
    fields = [
        ("Return-Path", "<listbounces@verein.example.de>"),
        postfix_rcvd(r, later(when, 2), "mail.verein.example.de", r.ip(), "mx.example.net", "mitglied@example.net"),
        ("Received", f"by mail.verein.example.de (Postfix, from userid 33)\n\tid {r.postfix_long_id()}; {pfx(when, 'CET')}"),
        ("X-Postfix-Queue-ID", r.postfix_long_id()),
        ("Date", rfc(when)),
        ("To", "mitglied@example.net"),
        ("From", "=?UTF-8?Q?TSV_Example_e=2EV=2E?= <vorstand@verein.example.de>"),
        ("Subject", ew("Vereinsnachrichten Februar: Jahreshauptversammlung", enc="Q")),
        ("Message-ID", f"<{r.hex(32)}@verein.example.de>"),
        ("X-Mailer", "phplist v3.6.14"),
        ("X-MessageID", f"{r.num(10, 300)}"),
        ("X-ListMember", "mitglied@example.net"),
        ("Precedence", "bulk"),
        ("List-Help", "<https://verein.example.de/lists/?p=preferences&uid=" + r.hex(32) + ">"),
        ("List-Unsubscribe", "<https://verein.example.de/lists/?p=unsubscribe&uid=" + r.hex(32) + "&jo=1>"),
        ("List-Subscribe", "<https://verein.example.de/lists/?p=subscribe>"),
        ("List-Owner", "<mailto:vorstand@verein.example.de>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/alternative;\n\tboundary=\"{b}\""),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset = UTF-8"), ("Content-Transfer-Encoding", "8bit")], text),
        part([("Content-Type", "text/html; charset = UTF-8"), ("Content-Transfer-Encoding", "8bit")],
             "<html><body>" + text.replace("\n\n", "</p><p>").replace("\n", "<br>") + "</body></html>\n"),
    ], preamble="This is a multi-part message in MIME format.")
    return assemble(fields, body)


# ---------------------------------------------------------------------------
# Calendar invitations
# ---------------------------------------------------------------------------

def ics(r, method, organizer, attendees, summary, start, minutes, location="", description="",
        prodid="-//Google Inc//Google Calendar 70.9054//EN", tzid=None, extra="", status="CONFIRMED",
        seq=0, uid=None, partstat=None):
    fmt = "%Y%m%dT%H%M%S"
    end = later(start, minutes * 60)
    if tzid:
        dts = f"DTSTART;TZID={tzid}:{start.strftime(fmt)}\nDTEND;TZID={tzid}:{end.strftime(fmt)}"
    else:
        dts = f"DTSTART:{utc(start).strftime(fmt)}Z\nDTEND:{utc(end).strftime(fmt)}Z"
    att = "\n".join(
        f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat or 'NEEDS-ACTION'};RSVP=\n TRUE;CN={a};X-NUM-GUESTS=0:mailto:{a}"
        for a in attendees)
    uid = uid or f"{r.alnum(26).lower()}@google.com"
    body = f"""BEGIN:VCALENDAR
PRODID:{prodid}
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:{method}
BEGIN:VEVENT
{dts}
DTSTAMP:{utc(later(start, -86400 * 3)).strftime(fmt)}Z
ORGANIZER;CN={organizer}:mailto:{organizer}
UID:{uid}
{att}
CREATED:{utc(later(start, -86400 * 3)).strftime(fmt)}Z
DESCRIPTION:{description}
LAST-MODIFIED:{utc(later(start, -86400 * 3)).strftime(fmt)}Z
LOCATION:{location}
SEQUENCE:{seq}
STATUS:{status}
SUMMARY:{summary}
TRANSP:OPAQUE
{extra}BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:This is an event reminder
TRIGGER:-P0DT0H10M0S
END:VALARM
END:VEVENT
END:VCALENDAR
"""
    return body.replace("\n\n", "\n")


def ics_fold(text):
    out = []
    for line in text.split("\n"):
        while len(line) > 75:
            out.append(line[:75])
            line = " " + line[75:]
        out.append(line)
    return "\n".join(out)


def invite_body(b_mixed, b_alt, alt_parts, cal, preamble=None):
    """multipart/mixed: multipart/alternative (with the text/calendar part) + invite.ics attachment."""
    alt = multipart(b_alt, alt_parts, preamble=None)
    return multipart(b_mixed, [
        part([("Content-Type", f"multipart/alternative; boundary=\"{b_alt}\"")], alt),
        part([("Content-Type", "application/ics; name=\"invite.ics\""),
              ("Content-Disposition", "attachment; filename=\"invite.ics\""),
              ("Content-Transfer-Encoding", "base64")], b64body(cal)),
    ], preamble=preamble)


def simple_alt(b, text, charset="us-ascii"):
    """The plain + HTML pair Outlook writes for a short text."""
    return multipart(b, [
        part([("Content-Type", f"text/plain; charset=\"{charset}\"")], text),
        part([("Content-Type", f"text/html; charset=\"{charset}\"")],
             "<html><body><p>" + text.replace("\n", "<br>") + "</p></body></html>\n"),
    ], preamble=None)


@message("cal-google-01-invitation.eml")
def _(r):
    when = r.date(2023, 2025, "+0100")
    start = later(when, 86400 * 5)
    org, guest = "alice@example.com", "bob@example.net"
    summary = "Quarterly review: mail platform"
    cal = ics_fold(ics(r, "REQUEST", org, [org, guest], summary, start, 60,
                       location="Room 4.12 / https://meet.example.com/abc-defg-hij",
                       description="Agenda:\\n1. Incidents and queue sizes\\n2. Bounce rate by domain\\n3. Budget"))
    title = f"Invitation: {summary} @ {start.strftime('%a %b %-d, %Y %-I%p')} - {later(start, 3600).strftime('%-I%p')} (CET) ({guest})"
    text = f"""{summary}
{start.strftime('%A %b %-d, %Y')} · {start.strftime('%-I:%M')} – {later(start, 3600).strftime('%-I:%M%p').lower()}
Time zone: Europe/Berlin
Location: Room 4.12 / https://meet.example.com/abc-defg-hij

Agenda:
1. Incidents and queue sizes
2. Bounce rate by domain
3. Budget

Organizer
Alice Martin
alice@example.com

Guests
Alice Martin - organizer
bob@example.net

Reply for {guest}
Yes / No / Maybe / More options

Invitation from Google Calendar

You are receiving this email because you are an attendee on the event. To
stop receiving future updates for this event, decline this event.
"""
    html = "<html><body><div itemscope itemtype=\"http://schema.org/EventReservation\"><h2>" + summary + \
        "</h2><p>" + text.replace("\n", "<br>") + "</p></div></body></html>\n"
    b_mixed, b_alt = f"000000000000{r.hex(16)}", f"000000000000{r.hex(16)}"
    body = invite_body(b_mixed, b_alt, [
        part([("Content-Type", "text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes"),
              ("Content-Transfer-Encoding", "base64")], b64body(text)),
        part([("Content-Type", "text/html; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(html)),
        part([("Content-Type", "text/calendar; charset=\"UTF-8\"; method=REQUEST"),
              ("Content-Transfer-Encoding", "7bit")], cal),
    ], cal)
    g = gmail_sending(r, when, "example.com",
                      h="to:from:subject:date:message-id:reply-to:sender:mime-version:from:to:cc:subject:date:message-id:reply-to")
    fields = [("Return-Path", f"<3{r.alnum(20)}{r.alnum(12)}@calendar-server.bounces.google.com>"),
              received_gmail_out(r, when, "mx.example.net", rcpt=guest)] + g + [
        ("MIME-Version", "1.0"),
        ("Reply-To", f"Alice Martin <{org}>"),
        ("Sender", "Google Calendar <calendar-notification@example.com>"),
        ("Auto-Submitted", "auto-generated"),
        ("Message-ID", f"<calendar-{r.guid()}@google.com>"),
        ("Date", rfc(utc(when))),
        ("Subject", title),
        ("From", f"Alice Martin <{org}>"),
        ("To", guest),
        ("Content-Type", f"multipart/mixed; boundary=\"{b_mixed}\""),
    ]
    return assemble(fields, body)


@message("cal-google-02-cancelled.eml", crlf=True)
def _(r):
    when = r.date(2022, 2024, "-0500")
    start = later(when, 86400 * 2)
    org, guest = "coach@example.org", "parent7@example.net"
    summary = "U10 practice (moved indoors)"
    cal = ics_fold(ics(r, "CANCEL", org, [org, guest], summary, start, 90, location="Lincoln Elementary gym",
                       status="CANCELLED", seq=2))
    text = f"""This event has been canceled.

{summary}
{start.strftime('%A %b %-d, %Y')} {start.strftime('%-I:%M')} – {later(start, 5400).strftime('%-I:%M%p').lower()} (Eastern Time - New York)
Lincoln Elementary gym

Organizer: coach@example.org

Invitation from Google Calendar
"""
    b_mixed, b_alt = f"000000000000{r.hex(16)}", f"000000000000{r.hex(16)}"
    body = invite_body(b_mixed, b_alt, [
        part([("Content-Type", "text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes"),
              ("Content-Transfer-Encoding", "base64")], b64body(text)),
        part([("Content-Type", "text/html; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<html><body><span>" + text.replace("\n", "<br>") + "</span></body></html>\n")),
        part([("Content-Type", "text/calendar; charset=\"UTF-8\"; method=CANCEL"),
              ("Content-Transfer-Encoding", "7bit")], cal),
    ], cal)
    fields = [("Return-Path", f"<3{r.alnum(30)}@calendar-server.bounces.google.com>"),
              received_gmail_out(r, when, "mx.example.net", rcpt=guest)] + gmail_sending(r, when, "example.org") + [
        ("MIME-Version", "1.0"),
        ("Reply-To", f"Coach Dan <{org}>"),
        ("Auto-Submitted", "auto-generated"),
        ("Message-ID", f"<calendar-{r.guid()}@google.com>"),
        ("Date", rfc(utc(when))),
        ("Subject", f"Canceled event: {summary} @ {start.strftime('%a %b %-d, %Y %-I:%M%p').lower()} (EST) ({guest})"),
        ("From", f"Coach Dan <{org}>"),
        ("To", guest),
        ("Content-Type", f"multipart/mixed; boundary=\"{b_mixed}\""),
    ]
    return assemble(fields, body)


OUTLOOK_VTZ = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
"""


def outlook_ics(r, method, organizer_cn, organizer, attendees, summary, start, minutes, location, description,
                partstat=None):
    fmt = "%Y%m%dT%H%M%S"
    atts = "\n".join(f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat or 'NEEDS-ACTION'};RSVP=TRUE;CN={cn}:mailto:{a}"
                     for cn, a in attendees)
    uid = "040000008200E00074C5B7101A82E0080000000" + r.hex(40).upper()
    return ics_fold(f"""BEGIN:VCALENDAR
METHOD:{method}
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
{OUTLOOK_VTZ}BEGIN:VEVENT
ORGANIZER;CN={organizer_cn}:mailto:{organizer}
{atts}
DESCRIPTION;LANGUAGE=en-US:{description}
UID:{uid}
SUMMARY;LANGUAGE=en-US:{summary}
DTSTART;TZID=W. Europe Standard Time:{start.strftime(fmt)}
DTEND;TZID=W. Europe Standard Time:{later(start, minutes * 60).strftime(fmt)}
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:{utc(later(start, -86400)).strftime(fmt)}Z
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:0
LOCATION;LANGUAGE=en-US:{location}
X-MICROSOFT-CDO-APPT-SEQUENCE:0
X-MICROSOFT-CDO-OWNERAPPTID:{r.num(-2000000000, 2000000000)}
X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE
X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY
X-MICROSOFT-CDO-ALLDAYEVENT:FALSE
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-CDO-INSTTYPE:0
X-MICROSOFT-DONOTFORWARDMEETING:FALSE
X-MICROSOFT-DISALLOW-COUNTER:FALSE
X-MICROSOFT-REQUESTEDATTENDANCEMODE:DEFAULT
X-MICROSOFT-ISRESPONSEREQUESTED:TRUE
BEGIN:VALARM
DESCRIPTION:REMINDER
TRIGGER;RELATED=START:-PT15M
ACTION:DISPLAY
END:VALARM
END:VEVENT
END:VCALENDAR
""")


@message("cal-outlook-01-teams-invite.eml")
def _(r):
    when = r.date(2023, 2025, "+0100")
    start = later(when, 86400 * 7).replace(hour=14, minute=0, second=0)
    summary = "Supplier onboarding: SMTP relay requirements"
    desc = ("Hi all\\, let's go through the relay requirements (TLS\\, SPF include\\, bounce address).\\n"
            "________________________________________________________________________________\\n"
            "Microsoft Teams meeting\\nJoin on your computer\\, mobile app or room device\\n"
            "Meeting ID: 341 882 110 457\\nPasscode: x7Hq2T")
    cal = outlook_ics(r, "REQUEST", "Fatima Zahra", "f.zahra@example.org",
                      [("Bob Weller", "bob@example.net"), ("Lin Chen", "lin.chen@example.org")],
                      summary, start, 45, "Microsoft Teams Meeting", desc)
    text = desc.replace("\\n", "\n").replace("\\,", ",") + "\n"
    html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body><div>" + \
        text.replace("\n", "<br>") + "</div></body></html>\n"
    b = f"_000_{r.up(30)}_"
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=\"utf-8\""), ("Content-Transfer-Encoding", "base64")], b64body(text)),
        part([("Content-Type", "text/html; charset=\"utf-8\""), ("Content-Transfer-Encoding", "base64")], b64body(html)),
        part([("Content-Type", "text/calendar; charset=\"utf-8\"; method=REQUEST"),
              ("Content-Transfer-Encoding", "base64")], b64body(cal)),
    ], preamble=None)
    return ms365_message(r, when, "example.org", "Fatima Zahra <f.zahra@example.org>",
                         "Bob Weller <bob@example.net>", summary, f"multipart/alternative;\n\tboundary=\"{b}\"", body,
                         cc="Lin Chen <lin.chen@example.org>",
                         extra=[("X-MS-Exchange-Calendar-Series-Instance-Id", "BAAAAIIA4AB0xbcQGoLgCAAAAAA" + r.b64(30)),
                                ("x-ms-exchange-calendar-series-instance-id", "BAAAAIIA4AB0xbcQGoLgCAAAAAA" + r.b64(30))][:1])


@message("cal-outlook-02-accepted.eml", crlf=True)
def _(r):
    when = r.date(2022, 2025, "+0100")
    start = later(when, 86400 * 3).replace(hour=10, minute=30, second=0)
    summary = "Sprint planning 42"
    cal = outlook_ics(r, "REPLY", "Jens Krüger", "jens@example.net", [("Maria Rossi", "m.rossi@example.org")],
                      summary, start, 60, "Room Nile", "", partstat="ACCEPTED")
    b = f"_000_{r.up(30)}_"
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=\"us-ascii\"")], "\n"),
        part([("Content-Type", "text/calendar; charset=\"utf-8\"; method=REPLY"),
              ("Content-Transfer-Encoding", "base64")], b64body(cal)),
    ], preamble=None)
    return ms365_message(r, when, "example.org", "Maria Rossi <m.rossi@example.org>",
                         "=?iso-8859-1?Q?Jens_Kr=FCger?= <jens@example.net>", f"Accepted: {summary}",
                         f"multipart/alternative;\n\tboundary=\"{b}\"", body, topic=summary)


@message("cal-outlook-03-german-einladung.eml")
def _(r):
    when = r.date(2023, 2025, "+0100")
    start = later(when, 86400 * 4).replace(hour=9, minute=0, second=0)
    summary = "Abstimmung Zustellprobleme Newsletter"
    desc = ("Hallo zusammen\\,\\nwir schauen uns die Rückläufer vom letzten Versand an und klären\\, "
            "wer die Adressliste bereinigt.\\n\\nViele Grüße\\nKatrin")
    cal = outlook_ics(r, "REQUEST", "Katrin Vogel", "k.vogel@example.org",
                      [("Stefan Braun", "stefan@example.net")], summary, start, 30, "Besprechungsraum 2", desc)
    text = desc.replace("\\n", "\n").replace("\\,", ",") + "\n"
    b = f"_000_{r.up(30)}_"
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=\"iso-8859-1\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(text, "iso-8859-1")),
        part([("Content-Type", "text/html; charset=\"iso-8859-1\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<html><body><p>" + text.replace("\n", "<br>") + "</p></body></html>\n", "iso-8859-1")),
        part([("Content-Type", "text/calendar; charset=\"utf-8\"; method=REQUEST"),
              ("Content-Transfer-Encoding", "base64")], b64body(cal)),
    ], preamble=None)
    return ms365_message(r, when, "example.org", "Katrin Vogel <k.vogel@example.org>",
                         "Stefan Braun <stefan@example.net>", ew(summary, "iso-8859-1", "Q"),
                         f"multipart/alternative;\n\tboundary=\"{b}\"", body, lang="de-DE", topic=summary)


@message("cal-apple-01-ics-attachment.eml")
def _(r):
    when = r.date(2021, 2024, "-0800")
    start = later(when, 86400 * 10).replace(hour=19, minute=0, second=0)
    cal = ics_fold(ics(r, "REQUEST", "mei@example.com", ["mei@example.com", "sam@example.net"], "Dinner at Luca's",
                       start, 120, location="Luca's\\, 12 Example Ave", prodid="-//Apple Inc.//macOS 14.3//EN",
                       tzid="America/Los_Angeles", uid=f"{r.guid().upper()}"))
    b = f"Apple-Mail={r.guid().upper()}"
    body = multipart(b, [
        part([("Content-Transfer-Encoding", "7bit"), ("Content-Type", "text/plain;\n\tcharset=us-ascii")],
             "Booked for 7. See you there!\n\nMei\n"),
        part([("Content-Disposition", "attachment;\n\tfilename=Dinner.ics"),
              ("Content-Type", "text/calendar;\n\tx-unix-mode=0644;\n\tname=\"Dinner.ics\";\n\tmethod=REQUEST"),
              ("Content-Transfer-Encoding", "quoted-printable")], qp(cal)),
    ], preamble=None)
    fields = apple_fields(r, when, "Mei Tanaka <mei@example.com>", "Sam Reyes <sam@example.net>", "Dinner Friday",
                          f"multipart/mixed;\n\tboundary=\"{b}\"", mailer="Apple Mail (2.3774.400.31)",
                          mime="1.0 (Mac OS X Mail 16.0 \\(3774.400.31\\))")
    return assemble(fields, body)


@message("cal-thunderbird-01-lightning.eml")
def _(r):
    when = r.date(2020, 2023, "+0200")
    start = later(when, 86400 * 6).replace(hour=16, minute=0, second=0)
    cal = ics_fold(ics(r, "REQUEST", "ola@example.net", ["ola@example.net", "kari@example.org"],
                       "Styremøte i borettslaget", start, 90, location="Fellesrommet",
                       prodid="-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN", tzid="Europe/Oslo",
                       uid=r.guid(), description="Saksliste:\\n1. Vedlikehold av heis\\n2. Dugnad i mai"))
    text = f"""Du har blitt invitert til et møte.

Tittel: Styremøte i borettslaget
Når: {start.strftime('%d.%m.%Y %H:%M')} – {later(start, 5400).strftime('%H:%M')} Europe/Oslo
Hvor: Fellesrommet
Organisator: ola@example.net
"""
    b_mixed, b_alt = f"------------{r.alnum(24)}", f"------------{r.alnum(24)}"
    body = invite_body(b_mixed, b_alt, [
        part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit")], text),
        part([("Content-Type", "text/calendar; method=REQUEST; charset=UTF-8"),
              ("Content-Transfer-Encoding", "8bit")], cal),
    ], cal, preamble="This is a multi-part message in MIME format.")
    fields = [
        ("Return-Path", "<ola@example.net>"),
        postfix_rcvd(r, later(when, 2), "mail.example.net", r.ip(), "mx.example.org", "kari@example.org"),
        postfix_rcvd(r, later(when, 1), "unknown", r.ip(), "mail.example.net",
                     "kari@example.org", esmtp="ESMTPSA", helo=f"[{r.ip()}]"),
        ("Message-ID", f"<{r.guid()}@example.net>"),
        ("Date", rfc(when)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:102.0) Gecko/20100101\n Thunderbird/102.9.0"),
        ("Content-Language", "nb-NO"),
        ("To", "kari@example.org"),
        ("From", "Ola Nordmann <ola@example.net>"),
        ("Subject", ew("Invitasjon: Styremøte i borettslaget", enc="Q")),
        ("Content-Type", f"multipart/mixed; boundary=\"{b_mixed}\""),
    ]
    return assemble(fields, body)


@message("cal-zimbra-01-invite.eml")
def _(r):
    when = r.date(2019, 2022, "+0200")
    start = later(when, 86400 * 3).replace(hour=11, minute=0, second=0)
    cal = ics_fold(ics(r, "REQUEST", "direction@example.org", ["direction@example.org", "equipe@example.net"],
                       "Point mensuel équipe support", start, 60, location="Salle Jaurès",
                       prodid="Zimbra-Calendar-Provider", tzid="Europe/Brussels", uid=r.guid()))
    text = """Les informations suivantes ont été mises à jour :

Objet : Point mensuel équipe support
Organisateur : "Direction" <direction@example.org>
Lieu : Salle Jaurès
"""
    b = f"=_{r.guid()}"
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")], qp(text)),
        part([("Content-Type", "text/html; charset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<html><body><h3>Point mensuel équipe support</h3><pre>" + text + "</pre></body></html>\n")),
        part([("Content-Type", "text/calendar; charset=utf-8; method=REQUEST; name=meeting.ics"),
              ("Content-Transfer-Encoding", "7bit")], cal),
    ], preamble=None)
    fields = [
        ("Return-Path", "<direction@example.org>"),
        postfix_rcvd(r, later(when, 3), "zimbra.example.org", r.ip(), "mx.example.net", "equipe@example.net"),
        ("Received", f"from zimbra.example.org (localhost [127.0.0.1])\n\tby zimbra.example.org (Postfix) with ESMTP id {r.postfix_id()}\n"
         f"\tfor <equipe@example.net>; {pfx(later(when, 1), 'CEST')}"),
        ("X-Virus-Scanned", "amavisd-new at zimbra.example.org"),
        ("Date", rfc(when)),
        ("From", "Direction <direction@example.org>"),
        ("To", "equipe@example.net"),
        ("Message-ID", f"<{r.num(100000000, 999999999)}.{r.num(1000000, 9999999)}.{epoch(when)}{r.num(100, 999)}.JavaMail.zimbra@example.org>"),
        ("Subject", ew("Point mensuel équipe support", enc="Q")),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/alternative; \n\tboundary=\"{b}\""),
        ("X-Mailer", "Zimbra 8.8.15_GA_4545 (ZimbraWebClient - FF115 (Linux)/8.8.15_GA_4545)"),
        ("Thread-Index", r.b64(40)),
        ("Thread-Topic", "Point mensuel =?utf-8?Q?=C3=A9quipe?= support"),
    ]
    return assemble(fields, body)


# ---------------------------------------------------------------------------
# Read receipts (RFC 8098 MDNs)
# ---------------------------------------------------------------------------

def mdn_body(b, human, reporting_ua, final_rcpt, orig_mid, disposition, headers_part=None, orig_rcpt=None):
    fields = ""
    if reporting_ua:
        fields += f"Reporting-UA: {reporting_ua}\n"
    if orig_rcpt:
        fields += f"Original-Recipient: rfc822;{orig_rcpt}\n"
    fields += f"Final-Recipient: rfc822;{final_rcpt}\nOriginal-Message-ID: {orig_mid}\nDisposition: {disposition}\n"
    parts = [
        human,
        part([("Content-Type", "message/disposition-notification")], fields),
    ]
    if headers_part:
        parts.append(part([("Content-Type", "text/rfc822-headers")], headers_part))
    return multipart(b, parts, preamble=None)


@message("mdn-outlook-01-read.eml", crlf=True)
def _(r):
    when = r.date(2022, 2025, "+0100")
    sent = later(when, -3600 * 3)
    b = f"_000_{r.up(30)}_"
    human = part([("Content-Type", "text/plain; charset=\"utf-8\""), ("Content-Transfer-Encoding", "base64")],
                 b64body(f"""Your message

To: Nora Lind
Subject: Contract draft v3
Sent: {sent.strftime('%A, %B %-d, %Y %-I:%M:%S %p')} (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna

was read on {when.strftime('%A, %B %-d, %Y %-I:%M:%S %p')} (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna.
"""))
    body = mdn_body(b, human, None, "nora.lind@example.org", f"<{r.up(20)}@example.net>",
                    "automatic-action/MDN-sent-automatically; displayed")
    return ms365_message(r, when, "example.org", "Nora Lind <nora.lind@example.org>", "Erik Holm <erik@example.net>",
                         "Read: Contract draft v3",
                         f"multipart/report;\n\treport-type=disposition-notification;\n\tboundary=\"{b}\"", body,
                         topic="Contract draft v3")


@message("mdn-outlook-02-deleted-unread.eml")
def _(r):
    when = r.date(2022, 2025, "+0100")
    b = f"_000_{r.up(30)}_"
    human = part([("Content-Type", "text/plain; charset=\"utf-8\""), ("Content-Transfer-Encoding", "7bit")],
                 f"""Your message

To: Tomas Novak
Subject: Team lunch Friday?
Sent: {later(when, -86400).strftime('%A, %B %-d, %Y %-I:%M:%S %p')}

was deleted without being read on {when.strftime('%A, %B %-d, %Y %-I:%M:%S %p')}.
""")
    body = mdn_body(b, human, None, "tomas.novak@example.org", f"<{r.hex(20)}@example.net>",
                    "automatic-action/MDN-sent-automatically; deleted")
    return ms365_message(r, when, "example.org", "Tomas Novak <tomas.novak@example.org>", "anna@example.net",
                         "Not read: Team lunch Friday?",
                         f"multipart/report;\n\treport-type=disposition-notification;\n\tboundary=\"{b}\"", body,
                         topic="Team lunch Friday?")


@message("mdn-thunderbird-01-displayed.eml")
def _(r):
    when = r.date(2020, 2024, "+0100")
    b = f"------------{r.alnum(24)}"
    human = part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "7bit")],
                 """This is a Return Receipt for the mail that you sent to carol@example.net.

Note: This Return Receipt only acknowledges that the message was displayed on the recipient's computer. There is no guarantee that the recipient has read or understood the message contents.
""")
    orig = f"<{r.guid()}@example.org>"
    hdrs = f"""Return-Path: <dave@example.org>
Received: from mail.example.org (mail.example.org [{r.ip()}])
	by mx.example.net (Postfix) with ESMTPS id {r.postfix_long_id()}
	for <carol@example.net>; {pfx(later(when, -7200))}
Message-ID: {orig}
Date: {rfc(later(when, -7200))}
MIME-Version: 1.0
From: Dave Wu <dave@example.org>
Subject: Budget 2025 - final numbers
To: carol@example.net
Disposition-Notification-To: Dave Wu <dave@example.org>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit
"""
    body = mdn_body(b, human, "example.net; Mozilla Thunderbird", "carol@example.net", orig,
                    "manual-action/MDN-sent-manually; displayed", headers_part=hdrs)
    fields = [
        ("Return-Path", "<carol@example.net>"),
        postfix_rcvd(r, later(when, 2), "mail.example.net", r.ip(), "mail.example.org", "dave@example.org"),
        ("Message-ID", f"<{r.guid()}@example.net>"),
        ("Date", rfc(when)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("From", "Carol Ng <carol@example.net>"),
        ("To", "Dave Wu <dave@example.org>"),
        ("Subject", "Return Receipt (displayed) - Budget 2025 - final numbers"),
        ("Content-Type", f"multipart/report; report-type=disposition-notification;\n boundary=\"{b}\""),
    ]
    return assemble(fields, body)


@message("mdn-thunderbird-02-german.eml")
def _(r):
    when = r.date(2020, 2024, "+0100")
    b = f"------------{r.alnum(24)}"
    human = part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "8bit")],
                 """Dies ist eine Empfangsbestätigung für eine Nachricht, die Sie an uwe@example.net gesendet haben.

Hinweis: Diese Empfangsbestätigung sagt nur aus, dass die Nachricht angezeigt wurde. Es gibt keine Garantie, dass der Inhalt gelesen oder verstanden wurde.
""")
    orig = f"<{r.guid()}@example.de>"
    body = mdn_body(b, human, "example.net; Mozilla Thunderbird", "uwe@example.net", orig,
                    "manual-action/MDN-sent-manually; displayed", orig_rcpt="uwe@example.net")
    fields = [
        ("Return-Path", "<uwe@example.net>"),
        postfix_rcvd(r, later(when, 2), "mail.example.net", r.ip(), "mx.example.de", "petra@example.de"),
        ("Message-ID", f"<{r.guid()}@example.net>"),
        ("Date", rfc(when)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("From", "Uwe Schmitz <uwe@example.net>"),
        ("To", "Petra Lange <petra@example.de>"),
        ("Subject", ew("Empfangsbestätigung (angezeigt) - Angebot Nr. 2024-117", enc="Q")),
        ("Content-Type", f"multipart/report; report-type=disposition-notification;\n boundary=\"{b}\""),
    ]
    return assemble(fields, body)


@message("mdn-roundcube-01-read-receipt.eml")
def _(r):
    when = r.date(2019, 2023, "+0200")
    b = f"=_{r.hex(32)}"
    human = part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable"),
                  ("Content-Disposition", "inline")],
                 qp(f"""This is a Return Receipt for the mail that you sent to <ivo@example.net>.

Note: This receipt only acknowledges that the message was displayed on the recipient's computer. There is no guarantee that the recipient has read or understood the message contents.

Original message
To: ivo@example.net
Subject: Invoice 2291 (reminder)
Sent: {rfc(later(when, -1800))}
"""))
    body = mdn_body(b, human, "Roundcube Webmail", "ivo@example.net", f"<{r.hex(24)}@example.com>",
                    "manual-action/MDN-sent-manually; displayed")
    fields = [
        ("Return-Path", "<ivo@example.net>"),
        postfix_rcvd(r, later(when, 1), "webmail.example.net", r.ip(), "mx.example.com", "accounts@example.com"),
        ("MIME-Version", "1.0"),
        ("Date", rfc(when)),
        ("From", "Ivo Petrov <ivo@example.net>"),
        ("To", "accounts@example.com"),
        ("Subject", "Read Receipt: Invoice 2291 (reminder)"),
        ("Message-ID", f"<{r.hex(32)}@example.net>"),
        ("X-Sender", "ivo@example.net"),
        ("User-Agent", "Roundcube Webmail/1.6.5"),
        ("Content-Type", f"multipart/report;\n boundary=\"{b}\";\n report-type=disposition-notification"),
    ]
    return assemble(fields, body)


@message("mdn-gmail-01-workspace-read.eml")
def _(r):
    when = r.date(2022, 2025, "-0500")
    b = f"000000000000{r.hex(16)}"
    human = part([("Content-Type", "text/plain; charset=\"UTF-8\"")],
                 f"""This is a receipt for the mail you sent to
kim@example.com at {later(when, -600).strftime('%-m/%-d/%Y %-I:%M %p')}

This receipt verifies that the message has been displayed on the recipient's computer at {when.strftime('%-m/%-d/%Y %-I:%M %p')}
""")
    body = mdn_body(b, human, "gmail.com", "kim@example.com", f"<CA+{r.alnum(40)}@mail.gmail.com>",
                    "manual-action/MDN-sent-manually; displayed")
    fields = [("Return-Path", "<kim@example.com>"), received_gmail_out(r, when, "mx.example.net", rcpt="lee@example.net")] + \
        gmail_sending(r, when, "example.com") + [
        ("MIME-Version", "1.0"),
        ("From", "Kim Park <kim@example.com>"),
        ("Date", rfc(when)),
        ("Message-ID", f"<CA+{r.alnum(40)}@mail.gmail.com>"),
        ("Subject", "Read: Q3 hiring plan"),
        ("To", "Lee Wong <lee@example.net>"),
        ("Content-Type", f"multipart/report; boundary=\"{b}\"; report-type=disposition-notification"),
    ]
    return assemble(fields, body)


# ---------------------------------------------------------------------------
# Vacation and out-of-office replies (RFC 3834)
# ---------------------------------------------------------------------------

@message("ooo-exchange-01-automatic-reply.eml")
def _(r):
    when = r.date(2022, 2025, "+0100")
    b = f"_000_{r.up(30)}_"
    text = """Thank you for your email. I am out of the office until Monday 12 August with limited access to email.

For urgent matters regarding invoices, please contact accounts@example.org. For anything else I will reply when I am back.

Kind regards,
Sophie Laurent
"""
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=\"us-ascii\"")], text),
        part([("Content-Type", "text/html; charset=\"us-ascii\"")],
             "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=us-ascii\"></head><body><div>"
             + text.replace("\n", "<br>") + "</div></body></html>\n"),
    ], preamble=None)
    msg = ms365_message(r, when, "example.org", "Sophie Laurent <s.laurent@example.org>", "Rui Costa <rui@example.net>",
                        "Automatic reply: Invoice 4471 - payment terms", f"multipart/alternative;\n\tboundary=\"{b}\"",
                        body, topic="Invoice 4471 - payment terms", in_reply_to=f"<{r.hex(20)}@example.net>",
                        extra=[("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"),
                               ("X-MS-Exchange-Inbox-Rules-Loop", "s.laurent@example.org")])
    return msg.replace("Return-Path: <s.laurent@example.org>", "Return-Path: <>", 1)


@message("ooo-exchange-02-french.eml", crlf=True)
def _(r):
    when = r.date(2022, 2025, "+0100")
    b = f"_000_{r.up(30)}_"
    text = """Bonjour,

Je suis absent(e) du bureau jusqu'au 2 janvier inclus. Votre message ne sera pas transféré.
En cas d'urgence, merci de contacter le standard au 01 00 00 00 00.

Cordialement,
Marc Lefèvre
"""
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=\"iso-8859-1\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(text, "iso-8859-1")),
        part([("Content-Type", "text/html; charset=\"iso-8859-1\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<html><body>" + text.replace("\n", "<br>") + "</body></html>\n", "iso-8859-1")),
    ], preamble=None)
    msg = ms365_message(r, when, "example.org", "=?iso-8859-1?Q?Marc_Lef=E8vre?= <m.lefevre@example.org>",
                        "nadia@example.net", ew("Réponse automatique : Relance devis 2024-088", "iso-8859-1", "Q"),
                        f"multipart/alternative;\n\tboundary=\"{b}\"", body, lang="fr-FR",
                        topic="Relance devis 2024-088",
                        extra=[("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All")])
    return msg.replace("Return-Path: <m.lefevre@example.org>", "Return-Path: <>", 1)


@message("ooo-gmail-01-vacation.eml")
def _(r):
    when = r.date(2021, 2025, "-0700")
    b = f"000000000000{r.hex(16)}"
    text = """Hi,

I'm hiking in the Sierra until September 3rd with no reception. I'll
answer when I'm back. If it's about the garden share, ask Rob
(rob@example.com).

Jenny
"""
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=\"UTF-8\"")], text),
        part([("Content-Type", "text/html; charset=\"UTF-8\"")], "<div dir=\"ltr\">" + text.replace("\n", "<br>") + "</div>\n"),
    ], preamble=None)
    fields = [("Return-Path", "<jenny@example.com>"), received_gmail_out(r, when, "mx.example.net", rcpt="chris@example.net")] + \
        gmail_sending(r, when, "example.com") + [
        ("MIME-Version", "1.0"),
        ("Auto-Submitted", "auto-replied"),
        ("References", f"<{r.hex(16)}@example.net>"),
        ("In-Reply-To", f"<{r.hex(16)}@example.net>"),
        ("Message-ID", f"<CA+{r.alnum(40)}@mail.gmail.com>"),
        ("Date", rfc(when)),
        ("Subject", "Re: Saturday potluck"),
        ("From", "Jenny Alvarez <jenny@example.com>"),
        ("To", "chris@example.net"),
        ("Content-Type", f"multipart/alternative; boundary=\"{b}\""),
    ]
    return assemble(fields, body)


@message("ooo-gmail-02-spanish-subject.eml")
def _(r):
    when = r.date(2021, 2025, "+0100")
    text = """Hola:

Estoy fuera de la oficina hasta el 2 de septiembre. Para temas de
facturación escribe a administracion@example.com.

Un saludo,
Diego
"""
    b = f"000000000000{r.hex(16)}"
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "quoted-printable")], qp(text)),
        part([("Content-Type", "text/html; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<div dir=\"ltr\">" + text.replace("\n", "<br>") + "</div>\n")),
    ], preamble=None)
    fields = [("Return-Path", "<diego@example.com>"), received_gmail_out(r, when, "mx.example.net", rcpt="laura@example.net")] + \
        gmail_sending(r, when, "example.com") + [
        ("MIME-Version", "1.0"),
        ("Auto-Submitted", "auto-replied"),
        ("References", f"<{r.hex(16)}@example.net>"),
        ("In-Reply-To", f"<{r.hex(16)}@example.net>"),
        ("Message-ID", f"<CA+{r.alnum(40)}@mail.gmail.com>"),
        ("Date", rfc(when)),
        ("Subject", ew("Fuera de la oficina hasta el 2 de septiembre", enc="Q")),
        ("From", "Diego Herrera <diego@example.com>"),
        ("To", "laura@example.net"),
        ("Content-Type", f"multipart/alternative; boundary=\"{b}\""),
    ]
    return assemble(fields, body)


@message("ooo-sieve-01-pigeonhole.eml")
def _(r):
    when = r.date(2020, 2025, "+0200")
    fields = [
        ("Return-Path", "<>"),
        postfix_rcvd(r, later(when, 1), "mail.example.net", r.ip(), "mx.example.org", "felix@example.org"),
        ("Message-ID", f"<dovecot-sieve-{epoch(when)}-{r.num(100000, 999999)}-0@mail.example.net>"),
        ("Date", rfc(when)),
        ("X-Sieve", "Pigeonhole Sieve 0.5.19 (4eae2f79)"),
        ("From", "<helena@example.net>"),
        ("To", "<felix@example.org>"),
        ("Subject", "Auto: Re: Board game night"),
        ("In-Reply-To", f"<{r.hex(12)}@example.org>"),
        ("References", f"<{r.hex(12)}@example.org>"),
        ("Auto-Submitted", "auto-replied (vacation)"),
        ("Precedence", "bulk"),
        ("X-Auto-Response-Suppress", "All"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    return assemble(fields, """I am on parental leave until the end of October and read mail only
occasionally. For anything about the server, write to admin@example.net.

Helena
""")


@message("ooo-sieve-02-german-latin1.eml", crlf=True)
def _(r):
    when = r.date(2020, 2025, "+0100")
    fields = [
        ("Return-Path", "<>"),
        postfix_rcvd(r, later(when, 1), "mail.example.net", r.ip(), "mx.example.de", "bestellung@example.de"),
        ("Message-ID", f"<dovecot-sieve-{epoch(when)}-{r.num(100000, 999999)}-0@mail.example.net>"),
        ("Date", rfc(when)),
        ("X-Sieve", "Pigeonhole Sieve 0.5.13 (cdd19fe3)"),
        ("From", "Gerhard Baumann <g.baumann@example.net>"),
        ("To", "<bestellung@example.de>"),
        ("Subject", ew("Abwesenheitsnotiz: Ihre Bestellung Nr. 58812", "iso-8859-1", "Q")),
        ("In-Reply-To", f"<{r.hex(12)}@example.de>"),
        ("Auto-Submitted", "auto-replied (vacation)"),
        ("Precedence", "bulk"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=iso-8859-1"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ]
    return assemble(fields, qp("""Sehr geehrte Damen und Herren,

vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 9. Januar
nicht im Büro. Ihre E-Mail wird nicht weitergeleitet.

In dringenden Fällen wenden Sie sich bitte an Frau Öztürk,
Telefon 0000 123456.

Mit freundlichen Grüßen
Gerhard Baumann
""", "iso-8859-1"))


@message("ooo-zimbra-01-out-of-office.eml")
def _(r):
    when = r.date(2019, 2023, "+0100")
    fields = [
        ("Return-Path", "<>"),
        postfix_rcvd(r, later(when, 1), "zimbra.example.org", r.ip(), "mx.example.net", "kai@example.net"),
        ("Date", rfc(when)),
        ("From", "Roberta Bianchi <r.bianchi@example.org>"),
        ("To", "kai@example.net"),
        ("Message-ID", f"<{r.num(100000000, 999999999)}.{r.num(1000000, 9999999)}.{epoch(when)}{r.num(100, 999)}.JavaMail.zimbra@example.org>"),
        ("In-Reply-To", f"<{r.hex(14)}@example.net>"),
        ("Subject", "Out of Office: shipment 7781 delayed?"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "7bit"),
        ("Auto-Submitted", "auto-replied (zimbra; vacation)"),
        ("Precedence", "bulk"),
        ("X-Mailer", "Zimbra 9.0.0_GA_4546"),
    ]
    return assemble(fields, """Thanks for your message. I'm on leave until the 20th. For shipment
questions please contact logistics@example.org.

Roberta
""")


@message("ooo-japanese-01-jidou-outou.eml")
def _(r):
    when = r.date(2021, 2024, "+0900")
    text = """鈴木です。

誠に勝手ながら、8月10日から8月18日まで夏季休暇をいただいております。
いただいたメールには休暇明けに順次ご返信いたします。

お急ぎの場合は、営業部（eigyo@example.jp）までご連絡ください。
"""
    fields = [
        ("Return-Path", "<>"),
        postfix_rcvd(r, later(when, 1), "mail.example.jp", r.ip(), "mx.example.net", "kenta@example.net"),
        ("Date", rfc(when)),
        ("From", ew("鈴木 花子", "ISO-2022-JP") + " <hanako.suzuki@example.jp>"),
        ("To", "kenta@example.net"),
        ("Subject", ew("自動応答：Re: お見積りの件", "ISO-2022-JP")),
        ("Message-ID", f"<{r.hex(16)}.{epoch(when)}@mail.example.jp>"),
        ("In-Reply-To", f"<{r.hex(16)}@example.net>"),
        ("Auto-Submitted", "auto-replied"),
        ("X-Auto-Response-Suppress", "All"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=ISO-2022-JP"),
        ("Content-Transfer-Encoding", "7bit"),
        ("X-Mailer", "Active! mail"),
    ]
    return assemble(fields, text.encode("iso-2022-jp").decode("ascii"))


@message("ooo-helpdesk-01-ticket-ack.eml")
def _(r):
    when = r.date(2022, 2025, "+0000")
    tid = r.num(100000, 999999)
    b = f"--==_mimepart_{r.hex(13)}_{r.num(100, 999)}"
    text = f"""## Please type your reply above this line ##

Your request ({tid}) has been received and is being reviewed by our support staff.

To add additional comments, reply to this email.

Subject: Cannot log in after password change
"""
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")], qp(text)),
        part([("Content-Type", "text/html; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<html><body><p>" + text.replace("\n", "<br>") + "</p></body></html>\n")),
    ], preamble=None)
    fields = [
        ("Return-Path", f"<support+id{tid}@help.example.com>"),
        postfix_rcvd(r, later(when, 1), f"outbyoip{r.num(10, 99)}.pod{r.num(10, 30)}.iad1.zdsys.com", r.ip(), "mx.example.net", "user@example.net"),
        ("Date", rfc(when)),
        ("From", "Example Support <support@help.example.com>"),
        ("Reply-To", "Example Support <support+id" + str(tid) + "@help.example.com>"),
        ("To", "user@example.net"),
        ("Message-ID", f"<{r.alnum(12)}_{r.hex(8)}_sprut@zendesk.com>"),
        ("In-Reply-To", f"<{r.hex(16)}@example.net>"),
        ("Subject", f"[Example Support] Re: Cannot log in after password change"),
        ("Mime-Version", "1.0"),
        ("Content-Type", f"multipart/alternative;\n boundary=\"{b}\";\n charset=UTF-8"),
        ("Content-Transfer-Encoding", "7bit"),
        ("X-Mailer", "Zendesk Mailer"),
        ("X-Zendesk-From-Account-Id", r.hex(7)),
        ("X-Zendesk-Email-Id", r.alnum(26)),
        ("Auto-Submitted", "auto-replied"),
        ("X-Auto-Response-Suppress", "All"),
        ("Precedence", "bulk"),
    ]
    return assemble(fields, body)


@message("ooo-unix-vacation-01.eml")
def _(r):
    when = r.date(2019, 2022, "-0500")
    fields = [
        ("Return-Path", "<hale@shell.example.org>"),
        ("Received", f"from shell.example.org (shell.example.org [{r.ip()}])\n\tby mx.example.net (8.15.2/8.15.2) with ESMTPS id"
         f" {r.alnum(14)}\n\tfor <student@example.net>; {rfc(later(when, 2))}"),
        ("Received", f"(from hale@localhost)\n\tby shell.example.org (8.15.2/8.15.2/Submit) id {r.alnum(14)};\n\t{rfc(when)}"),
        ("Date", rfc(when)),
        ("From", "hale@shell.example.org (Prof. M. Hale)"),
        ("Message-Id", f"<{when.strftime('%Y%m%d%H%M')}.{r.alnum(14)}@shell.example.org>"),
        ("To", "student@example.net"),
        ("Subject", "away from my mail"),
        ("Precedence", "bulk"),
        ("Auto-Submitted", "auto-replied"),
    ]
    return assemble(fields, """I will not be reading my mail for a while. Your mail concerning
"Thesis draft chapter 3" will be read when I'm back (after the
conference, around the 15th).
""")


# ---------------------------------------------------------------------------
# Person-to-person mail with the header sets big providers add
# ---------------------------------------------------------------------------

def gmail_message(r, when, frm, to, subject, ct, body, rcpt=None, extra_top=(), extra=(), cc=None,
                  in_reply_to=None, domain=None):
    domain = domain or frm.split("@")[1].rstrip(">")
    rcpt = rcpt or to.split("<")[-1].rstrip(">")
    fields = [("Return-Path", f"<{frm.split('<')[-1].rstrip('>')}>"), received_gmail_out(r, when, "mx.example.net", rcpt=rcpt)]
    fields += list(extra_top) + gmail_sending(r, when, domain) + [("MIME-Version", "1.0")]
    if in_reply_to:
        fields += [("References", in_reply_to), ("In-Reply-To", in_reply_to)]
    fields += [("From", frm), ("Date", rfc(when)), ("Message-ID", f"<CA{r.pick(['+', 'F', 'J', 'K'])}{r.alnum(42)}@mail.gmail.com>"),
               ("Subject", subject), ("To", to)]
    if cc:
        fields.append(("Cc", cc))
    fields += [("Content-Type", ct)] + list(extra)
    return assemble(fields, body)


def gmail_alt(r, text, html=None, qp_enc=False):
    b = f"000000000000{r.hex(16)}"
    html = html or ("<div dir=\"ltr\">" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\n", "<br>") + "</div>\n")
    if qp_enc:
        parts = [part([("Content-Type", "text/plain; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "quoted-printable")], qp(text)),
                 part([("Content-Type", "text/html; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "quoted-printable")], qp(html))]
    else:
        parts = [part([("Content-Type", "text/plain; charset=\"UTF-8\"")], text),
                 part([("Content-Type", "text/html; charset=\"UTF-8\"")], html)]
    return f"multipart/alternative; boundary=\"{b}\"", multipart(b, parts, preamble=None)


@message("gmail-01-reply-quoted.eml")
def _(r):
    when = r.date(2022, 2025, "+0100")
    text = f"""Sounds good, Thursday works for me. I'll bring the printed floor plans.

On {later(when, -86400).strftime('%a, %-d %b %Y at %H:%M')}, Piet de Vries <piet@example.net> wrote:
> Hi Saskia,
>
> could we move the site visit to Thursday? The electrician can only
> come then.
>
> Piet
"""
    ct, body = gmail_alt(r, text)
    return gmail_message(r, when, "Saskia Jansen <saskia@example.com>", "Piet de Vries <piet@example.net>",
                         "Re: Site visit", ct, body, in_reply_to=f"<{r.hex(20)}@example.net>")


@message("gmail-02-pdf-attachment.eml", crlf=True)
def _(r):
    when = r.date(2021, 2025, "-0500")
    pdf = (b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>>"
           b" endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")
    mixed = f"000000000000{r.hex(16)}"
    ct_alt, alt = gmail_alt(r, "Hi Mr. Grant,\n\nAttached is the signed lease renewal. Let me know if you need the\n"
                               "deposit receipt as well.\n\nBest,\nAisha\n")
    body = multipart(mixed, [
        part([("Content-Type", ct_alt)], alt),
        part([("Content-Type", "application/pdf; name=\"Lease_renewal_signed.pdf\""),
              ("Content-Disposition", "attachment; filename=\"Lease_renewal_signed.pdf\""),
              ("Content-Transfer-Encoding", "base64"), ("Content-ID", f"<f_{r.alnum(9).lower()}0>"),
              ("X-Attachment-Id", f"f_{r.alnum(9).lower()}0")], b64body(pdf)),
    ], preamble=None)
    return gmail_message(r, when, "Aisha Bello <aisha@example.com>", "grant@example.net", "Signed lease renewal",
                         f"multipart/mixed; boundary=\"{mixed}\"", body)


@message("gmail-03-inline-image.eml")
def _(r):
    when = r.date(2020, 2024, "+0200")
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
    rel = f"000000000000{r.hex(16)}"
    alt_b = f"000000000000{r.hex(16)}"
    cid = f"ii_{r.alnum(12).lower()}0"
    text = "Look what the kids built on the beach!\n\n[image: IMG_2041.jpg]\n\nXx, Mama\n"
    html = f"<div dir=\"ltr\">Look what the kids built on the beach!<div><img src=\"cid:{cid}\" alt=\"IMG_2041.jpg\" width=\"542\"></div><div>Xx, Mama</div></div>\n"
    alt = multipart(alt_b, [
        part([("Content-Type", "text/plain; charset=\"UTF-8\"")], text),
        part([("Content-Type", "text/html; charset=\"UTF-8\"")], html),
    ], preamble=None)
    body = multipart(rel, [
        part([("Content-Type", f"multipart/alternative; boundary=\"{alt_b}\"")], alt),
        part([("Content-Type", "image/png; name=\"IMG_2041.png\""), ("Content-Disposition", "inline; filename=\"IMG_2041.png\""),
              ("Content-Transfer-Encoding", "base64"), ("Content-ID", f"<{cid}>"), ("X-Attachment-Id", cid)], b64body(png)),
    ], preamble=None)
    return gmail_message(r, when, "Elena Popescu <elena@example.com>", "Family <family@example.net>",
                         "Sandcastle", f"multipart/related; boundary=\"{rel}\"", body, rcpt="family@example.net")


@message("gmail-04-russian-base64.eml")
def _(r):
    when = r.date(2021, 2025, "+0300")
    text = """Добрый день, Ирина!

Высылаю исправленный договор. Изменения в пунктах 3.2 и 5.1:
срок оплаты теперь 14 дней, штраф за просрочку — 0,1 % в день.

Если всё в порядке, подпишите, пожалуйста, и пришлите скан.

С уважением,
Олег
"""
    b = f"000000000000{r.hex(16)}"
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "base64")], b64body(text)),
        part([("Content-Type", "text/html; charset=\"UTF-8\""), ("Content-Transfer-Encoding", "base64")],
             b64body("<div dir=\"ltr\">" + text.replace("\n", "<br>") + "</div>\n")),
    ], preamble=None)
    return gmail_message(r, when, ew("Олег Смирнов") + " <oleg@example.com>", ew("Ирина") + " <irina@example.net>",
                         ew("Договор — исправленная версия"), f"multipart/alternative; boundary=\"{b}\"", body)


@message("gmail-05-forwarded-by-workspace-arc.eml")
def _(r):
    when = r.date(2023, 2025, "+0000")
    text = """Hello,

Your appointment with Dr. Okafor is confirmed for Tuesday at 09:40.
Please arrive 10 minutes early and bring your insurance card.

Example Family Practice
"""
    ct, body = gmail_alt(r, text)
    arc = [
        ("ARC-Seal", f"i=1; a=rsa-sha256; t={epoch(when)}; cv=none;\n        d=google.com; s=arc-20160816;\n"
         "        b=" + folded_blob(r, 344, "         ")),
        ("ARC-Message-Signature", "i=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20160816;\n"
         "        h=to:subject:message-id:date:from:mime-version:dkim-signature;\n"
         f"        bh={r.b64(43)}=;\n        fh={r.b64(43)}=;\n        b=" + folded_blob(r, 344, "         ")),
        ("ARC-Authentication-Results", "i=1; mx.google.com;\n       dkim=pass header.i=@clinic.example.org header.s=s1"
         f" header.b={r.alnum(8)};\n       spf=pass (google.com: domain of appointments@clinic.example.org designates"
         f" {r.ip()} as permitted sender) smtp.mailfrom=appointments@clinic.example.org;\n"
         "       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=clinic.example.org"),
        ("X-Forwarded-Encrypted", f"i=1; AJvYcC{r.b64(60)}=="),
        ("X-Forwarded-To", "tom@example.net"),
        ("X-Forwarded-For", "tom@example.com tom@example.net"),
        ("Delivered-To", "tom@example.com"),
    ]
    msg = gmail_message(r, when, "Example Family Practice <appointments@clinic.example.org>", "tom@example.com",
                        "Appointment confirmed: Tuesday 09:40", ct, body, rcpt="tom@example.net", extra_top=arc,
                        domain="example.com")
    return msg.replace("Return-Path: <appointments@clinic.example.org>",
                       "Return-Path: <tom+caf_=tom=example.net@example.com>", 1)


@message("outlook-01-m365-thread.eml")
def _(r):
    when = r.date(2023, 2025, "+0100")
    b = f"_000_{r.up(30)}_"
    text = """Hi Omar,

Thanks, the revised quote looks fine. One question: does the price
include on-site installation, or only delivery to the loading dock?

Best regards,
Hannah Becker
Procurement | Example GmbH

From: Omar Haddad <omar@example.net>
Sent: Tuesday, March 5, 2024 4:12 PM
To: Hannah Becker <h.becker@example.org>
Subject: RE: Quote 2024-031 racks

Hi Hannah,
attached the revised quote with the 8% discount we discussed.
Omar
"""
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=\"us-ascii\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(text, "us-ascii")),
        part([("Content-Type", "text/html; charset=\"us-ascii\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">"
                "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=us-ascii\"><meta name=\"Generator\""
                " content=\"Microsoft Word 15 (filtered medium)\"></head><body lang=\"EN-US\"><div class=\"WordSection1\"><p class=\"MsoNormal\">"
                + text.replace("\n", "<o:p></o:p></p>\n<p class=\"MsoNormal\">") + "</p></div></body></html>\n", "us-ascii")),
    ], preamble=None)
    return ms365_message(r, when, "example.org", "Hannah Becker <h.becker@example.org>", "Omar Haddad <omar@example.net>",
                         "RE: Quote 2024-031 racks", f"multipart/alternative;\n\tboundary=\"{b}\"", body,
                         in_reply_to=f"<{r.up(16)}@example.net>", topic="Quote 2024-031 racks")


@message("outlook-02-m365-attachment-xlsx.eml", crlf=True)
def _(r):
    when = r.date(2023, 2025, "+0100")
    mixed, alt_b = f"_004_{r.up(30)}_", f"_000_{r.up(30)}_"
    text = "Dear all,\n\nplease find attached the delivery schedule for April (week 14-17).\n\nKind regards,\nLukas\n"
    alt = simple_alt(alt_b, text)
    xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(r.num(0, 255) for _ in range(600))
    body = multipart(mixed, [
        part([("Content-Type", f"multipart/alternative;\n\tboundary=\"{alt_b}\"")], alt),
        part([("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;\n\tname=\"Delivery_schedule_April.xlsx\""),
              ("Content-Description", "Delivery_schedule_April.xlsx"),
              ("Content-Disposition", f"attachment;\n\tfilename=\"Delivery_schedule_April.xlsx\"; size={len(xlsx)};\n\t"
               f"creation-date=\"{utc(when).strftime('%a, %d %b %Y %H:%M:%S GMT')}\";\n\t"
               f"modification-date=\"{utc(when).strftime('%a, %d %b %Y %H:%M:%S GMT')}\""),
              ("Content-Transfer-Encoding", "base64")], b64body(xlsx)),
    ], preamble=None)
    return ms365_message(r, when, "example.org", "Lukas Meier <l.meier@example.org>", "logistics@example.net",
                         "Delivery schedule April", f"multipart/mixed;\n\tboundary=\"{mixed}\"", body, has_attach=True)


def outlook_smtp_message(r, when, frm, to, subject, text, lang="de", charset="iso-8859-1", rcpt=None, extra=()):
    """Outlook desktop sending through an ordinary SMTP account (X-Mailer: Microsoft Outlook 16.0)."""
    b = f"----=_NextPart_000_{r.hex(4).upper()}_01DA{r.hex(4).upper()}.{r.hex(8).upper()}"
    rcpt = rcpt or to.split("<")[-1].rstrip(">")
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta http-equiv=Content-Type content=\"text/html;"
            f" charset={charset}\"><meta name=Generator content=\"Microsoft Word 15 (filtered medium)\"></head><body lang={lang.upper()}>"
            "<div class=WordSection1><p class=MsoNormal>" + text.replace("\n", "<o:p></o:p></p><p class=MsoNormal>") +
            "</p></div></body></html>\n")
    body = multipart(b, [
        part([("Content-Type", f"text/plain;\n\tcharset=\"{charset}\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(text, charset)),
        part([("Content-Type", f"text/html;\n\tcharset=\"{charset}\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(html, charset)),
    ])
    frm_addr = frm.split("<")[-1].rstrip(">")
    fields = [
        ("Return-Path", f"<{frm_addr}>"),
        postfix_rcvd(r, later(when, 2), f"smtp.{frm_addr.split('@')[1]}", r.ip(), "mx.example.net", rcpt),
        postfix_rcvd(r, later(when, 1), "unknown", r.ip(), f"smtp.{frm_addr.split('@')[1]}", rcpt, esmtp="ESMTPSA",
                     helo=r.pick(["DESKTOP-", "LAPTOP-", "PC-"]) + r.up(7)),
        ("From", frm),
        ("To", to),
        ("Subject", subject),
        ("Date", rfc(when)),
        ("Message-ID", f"<000{r.num(1, 9)}01da{r.hex(4)}${r.hex(8)}${r.hex(8)}@{frm_addr.split('@')[1]}>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/alternative;\n\tboundary=\"{b}\""),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", f"Ad{r.b64(30)}=="),
        ("Content-Language", lang),
    ] + list(extra)
    return assemble(fields, body)


@message("outlook-03-desktop-smtp-german.eml")
def _(r):
    when = r.date(2021, 2025, "+0100")
    text = """Hallo Herr Schulte,

anbei wie besprochen die Übersicht der offenen Posten. Die Rechnung
vom 12. März ist bereits angewiesen, die Gutschrift über 240,00 € fehlt
noch.

Mit freundlichen Grüßen

Sabine Krämer
Buchhaltung
Example Handels GmbH
"""
    return outlook_smtp_message(r, when, "=?iso-8859-1?Q?Sabine_Kr=E4mer?= <s.kraemer@example.de>",
                                "'Schulte, Andreas' <a.schulte@example.net>", ew("Offene Posten März", "iso-8859-1", "Q"), text,
                                charset="windows-1252")


@message("outlook-04-desktop-smtp-english.eml", crlf=True)
def _(r):
    when = r.date(2019, 2023, "-0500")
    text = """Hi Kevin,

Following up on yesterday's call: we're fine with the revised SLA
(99.9% monthly, 4h response for P1). Please send the updated contract
and we'll get it signed this week.

Thanks,
Rachel Moore
IT Manager, Example Dental Group
"""
    return outlook_smtp_message(r, when, "Rachel Moore <rachel@example.com>", "'Kevin Park' <kevin@example.net>",
                                "RE: SLA revision", text, lang="en-us", charset="us-ascii",
                                extra=[("In-Reply-To", f"<{r.hex(24)}@example.net>")])


@message("outlook-05-onprem-exchange2019.eml")
def _(r):
    when = r.date(2020, 2024, "+0100")
    text = """Hallo Team,

der Server-Raum ist am Samstag von 8 bis 12 Uhr wegen Wartung der
Klimaanlage nicht zugänglich. Bitte keine Arbeiten einplanen.

Danke
Haustechnik
"""
    fields = [
        ("Return-Path", "<haustechnik@example.de>"),
        postfix_rcvd(r, later(when, 2), "mail.example.de", r.ip(), "mx.example.net", "team@example.net"),
        ("Received", f"from EXCH01.corp.example.de ({r.ip()}) by EXCH02.corp.example.de\n ({r.ip()}) with Microsoft SMTP Server"
         f" (version=TLS1_2,\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1544.4; {rfc(later(when, 1))}"),
        ("Received", f"from EXCH01.corp.example.de ([fe80::{r.hex(4)}:{r.hex(4)}:{r.hex(4)}:{r.hex(4)}]) by\n EXCH01.corp.example.de"
         f" ([fe80::{r.hex(4)}:{r.hex(4)}:{r.hex(4)}:{r.hex(4)}%13]) with mapi id 15.02.1544.004;\n {rfc(when)}"),
        ("From", "Haustechnik <haustechnik@example.de>"),
        ("To", "Team <team@example.net>"),
        ("Subject", ew("Serverraum Samstag nicht zugänglich", "iso-8859-1", "Q")),
        ("Thread-Topic", ew("Serverraum Samstag nicht zugänglich", "iso-8859-1", "Q")),
        ("Thread-Index", f"Ad{r.b64(30)}=="),
        ("Date", rfc(when)),
        ("Message-ID", f"<{r.hex(32)}@example.de>"),
        ("Accept-Language", "de-DE, en-US"),
        ("Content-Language", "de-DE"),
        ("X-MS-Has-Attach", ""),
        ("X-MS-TNEF-Correlator", ""),
        ("x-ms-exchange-transport-fromentityheader", "Hosted"),
        ("x-originating-ip", f"[{r.ip()}]"),
        ("x-kse-serverinfo", "EXCH02.corp.example.de, 9"),
        ("Content-Type", "text/plain; charset=\"iso-8859-1\""),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("MIME-Version", "1.0"),
        ("X-MS-Exchange-Organization-AuthAs", "Internal"),
    ]
    return assemble(fields, qp(text, "iso-8859-1"))


def yahoo_fields(r, when, frm, to, subject, ct, mailer="WebService/1.1.22645 YMailNorrin"):
    frm_addr = frm.split("<")[-1].rstrip(">")
    rcpt = to.split("<")[-1].rstrip(">")
    sonic = f"sonic{r.num(300, 330)}-{r.num(1, 60)}.consmr.mail.{r.pick(['ne1', 'bf2', 'gq1', 'ir2'])}.yahoo.com"
    osg = r.b64(400).replace("+", ".").replace("/", "_")
    return [
        ("Return-Path", f"<{frm_addr}>"),
        postfix_rcvd(r, later(when, 2), sonic, r.ip(), "mx.example.net", rcpt),
        ("DKIM-Signature", dkim(r, "example.net" if frm_addr.endswith("example.net") else frm_addr.split("@")[1], "s2048", when,
                                "Date:From:To:Subject:References:From:Subject:Reply-To", " ")),
        ("X-SONIC-DKIM-SIGN", dkim(r, "yahoo.com", "s2048", when, "X-Sonic-MF:Date:From:Subject:From:Subject", " ")),
        ("X-YMail-OSG", "\n ".join(osg[i:i + 76] for i in range(0, len(osg), 76))),
        ("X-Sonic-MF", f"<{frm_addr}>"),
        ("X-Sonic-ID", r.guid()),
        ("Received", f"from sonic.gate.mail.ne1.yahoo.com by {sonic} with HTTP; {rfc(utc(when))}"),
        ("Date", rfc(when)),
        ("From", frm),
        ("To", to),
        ("Message-ID", f"<{r.num(100000000, 999999999)}.{r.num(100000, 9999999)}.{epoch(when)}{r.num(100, 999)}@mail.yahoo.com>"),
        ("Subject", subject),
        ("MIME-Version", "1.0"),
        ("Content-Type", ct),
        ("X-Mailer", mailer),
    ]


def yahoo_alt(r, text):
    b = f"----=_Part_{r.num(1000000, 9999999)}_{r.num(100000000, 999999999)}.{r.num(1000000000000, 9999999999999)}"
    return f"multipart/alternative; \n\tboundary=\"{b}\"", multipart(b, [
        part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")], qp(text)),
        part([("Content-Type", "text/html; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<html><head></head><body><div class=\"ydp" + r.hex(8) + "yahoo-style-wrap\" style=\"font-family:Helvetica Neue,"
                " Helvetica, Arial, sans-serif;font-size:13px;\"><div dir=\"ltr\">" + text.replace("\n", "<br>") +
                "</div></div></body></html>\n")),
    ], preamble=None)


@message("yahoo-01-web.eml")
def _(r):
    when = r.date(2020, 2025, "-0500")
    ct, body = yahoo_alt(r, "Hi Grandma,\n\nThe photos from the reunion are in the shared album now. The one of\n"
                            "you and Uncle Ray by the lake is my favourite.\n\nLove,\nBecky\n")
    return assemble(yahoo_fields(r, when, "Becky Turner <becky.turner@example.net>", "nana@example.com",
                                 "Reunion photos", ct), body)


@message("yahoo-02-ios-app.eml", crlf=True)
def _(r):
    when = r.date(2021, 2025, "-0800")
    ct, body = yahoo_alt(r, "Running 10 min late, start without me. Order me the pad thai!\n\nSent from Yahoo Mail for iPhone\n")
    return assemble(yahoo_fields(r, when, "Marcus Webb <mwebb@example.net>", "Dinner crew <dinner@example.org>",
                                 "Re: tonight", ct, mailer="WebService/1.1.22205 YahooMailIosMobile"), body)


@message("yahoo-03-aol-classic.eml")
def _(r):
    when = r.date(2019, 2022, "-0500")
    text = "Dear Pastor Jim,\n\nThank you for visiting Mom in the hospital. She was so glad to see you.\n\nGod bless,\nDoris\n"
    ct, body = yahoo_alt(r, text)
    fields = yahoo_fields(r, when, "Doris Hill <dorishill@example.com>", "pastorjim@example.org",
                          "Thank you", ct, mailer="WebService/1.1.19797 aolwebmail Mozilla/5.0 (Windows NT 10.0; Win64;"
                          " x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0.4664.45 Safari/537.36")
    return assemble(fields, body)


def apple_fields(r, when, frm, to, subject, ct, mailer="Apple Mail (2.3774.500.171.1.1)",
                 mime="1.0 (Mac OS X Mail 16.0 \\(3774.500.171.1.1\\))", icloud=True, extra=()):
    frm_addr = frm.split("<")[-1].rstrip(">")
    rcpt = to.split("<")[-1].rstrip(">")
    fields = [("Return-Path", f"<{frm_addr}>")]
    if icloud:
        host = f"p00-icloudmta-asmtp-us-{r.pick(['west-1a', 'central-1k', 'east-1a'])}-{r.num(10, 100)}-percent-{r.num(0, 20)}"
        fields += [
            postfix_rcvd(r, later(when, 2), f"{host}.p00-icloudmta-asmtp-vip.icloud-mail-production.svc.kube.us-west-1a.k8s.cloud.apple.com",
                         r.ip(), "mx.example.net", rcpt),
            ("DKIM-Signature", dkim(r, frm_addr.split("@")[1], "sig1", when,
                                    "Content-Type:Mime-Version:Subject:Message-Id:Date:To:From", "\t")),
            ("Received", f"from smtpclient.apple (unknown [{r.ip()}])\n\tby {host}.example (Postfix) with ESMTPSA id "
             f"{r.postfix_long_id()};\n\t{pfx(utc(when), 'UTC')}"),
        ]
    fields += [
        ("Content-Type", ct),
        ("Mime-Version", mime),
        ("Subject", subject),
        ("From", frm),
        ("Date", rfc(when)),
        ("Message-Id", f"<{r.guid().upper()}@{frm_addr.split('@')[1]}>"),
        ("To", to),
        ("X-Mailer", mailer),
    ] + list(extra)
    if icloud:
        fields += [
            ("X-Proofpoint-ORIG-GUID", r.alnum(32)),
            ("X-Proofpoint-GUID", r.alnum(32)),
            ("X-Proofpoint-Virus-Version", "vendor=baseguard\n engine=ICAP:2.0.293,Aquarius:18.0.1039,Hydra:6.0.680,FMLib:17.12.28.16\n"
             f" definitions={when.strftime('%Y-%m-%d')}_06,{when.strftime('%Y-%m-%d')}_01,{when.strftime('%Y-%m-%d')}_01 signatures=0"),
            ("X-Proofpoint-Spam-Details", "rule=notspam policy=default score=0 suspectscore=0 bulkscore=0 adultscore=0\n"
             " spamscore=0 mlxscore=0 malwarescore=0 clxscore=1015 phishscore=0 mlxlogscore=412\n classifier=spam adjust=0"
             f" reason=mlx scancount=1 engine=8.19.0-2308100000\n definitions=main-{when.strftime('%y%m%d')}0{r.num(10, 99)}"),
        ]
    return fields


@message("apple-01-macos-mail.eml")
def _(r):
    when = r.date(2022, 2025, "+0100")
    b = f"Apple-Mail={r.guid().upper()}"
    text = "Hi Julia,\n\nthe keys are with the neighbour (Mrs. Brandt, ground floor). Heating is set to\n" \
           "18 degrees; please don't turn it off completely.\n\nHave a lovely stay!\nMaximilian\n"
    body = multipart(b, [
        part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", "text/plain;\n\tcharset=utf-8")], qp(text)),
        part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", "text/html;\n\tcharset=utf-8")],
             qp("<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"></head><body style=\""
                "overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;\">" +
                text.replace("\n", "<br>") + "</body></html>")),
    ], preamble=None)
    return assemble(apple_fields(r, when, "Maximilian Roth <max@example.com>", "Julia Weiss <julia@example.net>",
                                 "Keys for the flat", f"multipart/alternative;\n\tboundary=\"{b}\""), body)


@message("apple-02-iphone-mail.eml", crlf=True)
def _(r):
    when = r.date(2022, 2025, "-0400")
    b = f"Apple-Mail-{r.guid().upper()}"
    text = "Landed! Taking the train, home by 8.\n\nSent from my iPhone\n"
    body = multipart(b, [
        part([("Content-Type", "text/plain;\n\tcharset=us-ascii"), ("Content-Transfer-Encoding", "7bit")], text),
        part([("Content-Type", "text/html;\n\tcharset=utf-8"), ("Content-Transfer-Encoding", "7bit")],
             "<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"></head><body dir=\"auto\">"
             "Landed! Taking the train, home by 8.<br><br><div dir=\"ltr\">Sent from my iPhone</div></body></html>"),
    ], preamble=None)
    return assemble(apple_fields(r, when, "Nathan Cole <nathan@example.com>", "Emma Cole <emma@example.net>",
                                 "Landed", f"multipart/alternative; boundary={b}", mailer="iPhone Mail (21E236)",
                                 mime="1.0 (1.0)"), body)


@message("apple-03-mail-drop.eml")
def _(r):
    when = r.date(2021, 2025, "+0200")
    b = f"Apple-Mail={r.guid().upper()}"
    text = f"""Hi Sofia,

here are the wedding videos (too big for e-mail, so Mail Drop):

Mail Drop: https://www.icloud.com/attachment/?u=https%3A%2F%2Fcvws.icloud-content.com%2FB%2F{r.alnum(40)}&uk={r.alnum(22)}&f=wedding_ceremony.mov&sz=2147483648
Expires {later(when, 86400 * 30).strftime('%B %-d, %Y')}

Enjoy!
Giorgos
"""
    body = multipart(b, [
        part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", "text/plain;\n\tcharset=utf-8")], qp(text)),
        part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", "text/html;\n\tcharset=utf-8")],
             qp("<html><body>" + text.replace("\n", "<br>") + "<div class=\"AppleMailDropAttachment\"></div></body></html>")),
    ], preamble=None)
    extra = [("X-Apple-Base-Url", "x-msg://12/"), ("X-Apple-Mail-Remote-Attachments", "YES"),
             ("X-Apple-Windows-Friendly", "1"), ("X-Apple-Mail-Drop-Expiration-Date", later(when, 86400 * 30).strftime("%Y-%m-%dT%H:%M:%SZ")),
             ("X-Universally-Unique-Identifier", r.guid().upper())]
    return assemble(apple_fields(r, when, "Giorgos Pappas <giorgos@example.com>", "Sofia <sofia@example.net>",
                                 "Wedding videos", f"multipart/alternative;\n\tboundary=\"{b}\"", extra=extra), body)


@message("apple-04-icloud-signed.eml")
def _(r):
    when = r.date(2022, 2025, "+0000")
    b = f"Apple-Mail={r.guid().upper()}"
    inner = part([("Content-Transfer-Encoding", "7bit"), ("Content-Type", "text/plain;\n\tcharset=us-ascii")],
                 "Hello,\n\nPlease confirm the wire instructions by phone before sending anything;\n"
                 "we never change bank details by e-mail.\n\nRegards,\nAmara Osei\nExample Escrow Ltd\n")
    sig = part([("Content-Disposition", "attachment;\n\tfilename=smime.p7s"), ("Content-Type", "application/pkcs7-signature;\n\tname=smime.p7s"),
                ("Content-Transfer-Encoding", "base64")], b64body(bytes(r.num(0, 255) for _ in range(900))))
    body = multipart(b, [inner, sig], preamble=None)
    return assemble(apple_fields(r, when, "Amara Osei <amara@escrow.example.com>", "client@example.net",
                                 "Wire instructions: call before you pay",
                                 f"multipart/signed;\n\tboundary=\"{b}\";\n\tprotocol=\"application/pkcs7-signature\";\n\tmicalg=sha-256"),
                    body)


@message("postfix-01-thunderbird-submission.eml")
def _(r):
    when = r.date(2020, 2025, "+0100")
    fields = [
        ("Return-Path", "<lars@example.org>"),
        ("Delivered-To", "ingrid@example.net"),
        postfix_rcvd(r, later(when, 4), "mail.example.org", r.ip(), "mx.example.net", "ingrid@example.net"),
        authres("example.org"),
    ] + spam_fields(r) + [
        postfix_rcvd(r, later(when, 1), "unknown", r.ip(), "mail.example.org", "ingrid@example.net", esmtp="ESMTPSA",
                     helo=f"[{r.ip()}]"),
        ("DKIM-Signature", dkim(r, "example.org", "2024", when, "from:from:reply-to:subject:subject:date:date:message-id:message-id:to:to:cc:mime-version:mime-version:content-type:content-type", "\t")),
        ("Message-ID", f"<{r.guid()}@example.org>"),
        ("Date", rfc(when)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "sv-SE"),
        ("To", "Ingrid Dahl <ingrid@example.net>"),
        ("From", "Lars Nilsson <lars@example.org>"),
        ("Subject", ew("Middag på lördag?", enc="Q")),
        ("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    return assemble(fields, "Hej Ingrid!\n\nVill ni komma på middag på lördag vid sex? Vi grillar om vädret tillåter.\n\nKram,\nLars\n")


@message("postfix-02-roundcube-queueid.eml", crlf=True)
def _(r):
    when = r.date(2019, 2024, "+0200")
    qid = r.postfix_long_id()
    fields = [
        ("Return-Path", "<office@example.org>"),
        ("Delivered-To", "client@example.net"),
        postfix_rcvd(r, later(when, 3), "relay.hosting.example.com", r.ip(), "mx.example.net", "client@example.net"),
        ("Received", f"from webmail.hosting.example.com (webmail.hosting.example.com [{r.ip()}])\n\tby relay.hosting.example.com (Postfix)"
         f" with ESMTPSA id {qid}\n\tfor <client@example.net>; {pfx(later(when, 1), 'CEST')}"),
        ("X-Postfix-Queue-ID", qid),
        ("MIME-Version", "1.0"),
        ("Date", rfc(when)),
        ("From", "Studio Example <office@example.org>"),
        ("To", "client@example.net"),
        ("Subject", "Proofs for the brochure, second round"),
        ("Organization", "Studio Example"),
        ("Message-ID", f"<{r.hex(32)}@example.org>"),
        ("X-Sender", "office@example.org"),
        ("User-Agent", "Roundcube Webmail/1.6.6"),
        ("Content-Type", "text/plain; charset=US-ASCII; format=flowed"),
        ("Content-Transfer-Encoding", "7bit"),
    ]
    return assemble(fields, """Hello,

the second proofs are online: https://share.example.org/s/brochure-r2

Changes from round one: new cover photo, the price table on page 6 is
fixed, and the back page has the correct opening hours.

Please send corrections by Wednesday so the printer can deliver on time.

Best,
Noor
--
Studio Example
""")


@message("postfix-03-mutt-pgp-signed.eml")
def _(r):
    when = r.date(2019, 2024, "+0000")
    b = r.alnum(16)
    sig = "-----BEGIN PGP SIGNATURE-----\n\n" + wrap(r.b64(600), 64) + "\n=" + r.b64(4) + "\n-----END PGP SIGNATURE-----\n"
    text = """On Mon, Feb 05, 2024 at 11:02:17AM +0100, Ravi wrote:
> Does anyone still run the old greylisting daemon in front of Postfix?

We dropped it last year. postscreen with a small DNSBL weight set catches
nearly everything greylisting used to, and legitimate senders are not
delayed. The one thing to watch is the pregreet test with some old
appliances; whitelist them by IP.

-- 
Wojtek
"""
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=us-ascii"), ("Content-Disposition", "inline")], text),
        part([("Content-Type", "application/pgp-signature; name=\"signature.asc\""),
              ("Content-Description", "Digital signature")], sig),
    ], preamble=None)
    fields = [
        ("Return-Path", "<wojtek@example.org>"),
        postfix_rcvd(r, later(when, 2), "smtp.example.org", r.ip(), "mx.example.net", "ravi@example.net"),
        ("Received", f"by smtp.example.org (Postfix, from userid 1000)\n\tid {r.postfix_long_id()}; {pfx(when, 'UTC')}"),
        ("Date", rfc(when)),
        ("From", "Wojtek Nowak <wojtek@example.org>"),
        ("To", "ravi@example.net"),
        ("Subject", "Re: greylisting in 2024?"),
        ("Message-ID", f"<{when.strftime('%Y%m%d%H%M%S')}.GA{r.num(1000, 9999)}@smtp.example.org>"),
        ("In-Reply-To", f"<{r.hex(16)}@example.net>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/signed; micalg=pgp-sha256;\n\tprotocol=\"application/pgp-signature\"; boundary=\"{b}\""),
        ("Content-Disposition", "inline"),
        ("User-Agent", "Mutt/2.2.12 (2023-09-09)"),
    ]
    return assemble(fields, body)


# ---------------------------------------------------------------------------
# System notices
# ---------------------------------------------------------------------------

@message("sys-cron-01-debian-rsync-error.eml")
def _(r):
    when = r.date(2020, 2025, "+0100")
    fields = [
        ("Return-Path", "<root@web01.example.com>"),
        ("X-Original-To", "root"),
        ("Delivered-To", "root@web01.example.com"),
        ("Received", f"by web01.example.com (Postfix, from userid 0)\n\tid {r.postfix_long_id()}; {pfx(when, 'CET')}"),
        ("From", "root@web01.example.com (Cron Daemon)"),
        ("To", "root@web01.example.com"),
        ("Subject", "Cron <root@web01> /usr/local/sbin/nightly-backup.sh"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Cron-Env", "<SHELL=/bin/sh>"),
        ("X-Cron-Env", "<HOME=/root>"),
        ("X-Cron-Env", "<PATH=/usr/bin:/bin>"),
        ("X-Cron-Env", "<LOGNAME=root>"),
        ("Message-Id", f"<{when.strftime('%Y%m%d%H%M%S')}.{r.postfix_long_id()}@web01.example.com>"),
        ("Date", rfc(when)),
    ]
    return assemble(fields, f"""rsync: [sender] write error: Broken pipe (32)
rsync error: error in socket IO (code 10) at io.c(848) [sender=3.2.7]
backup: attempt 1 of 3 failed, retrying in 60s
sending incremental file list
var/www/shop/uploads/2024/03/
var/www/shop/uploads/2024/03/banner-spring.jpg

sent 1,284,113 bytes  received 2,031 bytes  85,743.20 bytes/sec
total size is 18,771,532,004  speedup is 14,594.67
backup: done after 2 attempts ({r.num(200, 900)}s)
""")


@message("sys-cron-02-cronie-logrotate.eml")
def _(r):
    when = r.date(2020, 2025, "+0000")
    fields = [
        ("Return-Path", "<root@db02.example.org>"),
        postfix_rcvd(r, later(when, 1), "db02.example.org", r.ip(), "mx.example.net", "ops@example.net", esmtp="ESMTP"),
        ("Received", f"by db02.example.org (Postfix, from userid 0)\n\tid {r.postfix_id()}; {pfx(when, 'UTC')}"),
        ("From", "\"(Cron Daemon)\" <root@db02.example.org>"),
        ("To", "ops@example.net"),
        ("Subject", "Cron <root@db02> run-parts /etc/cron.daily"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Auto-Submitted", "auto-generated"),
        ("Precedence", "bulk"),
        ("X-Cron-Env", "<XDG_SESSION_ID=4112>"),
        ("X-Cron-Env", "<XDG_RUNTIME_DIR=/run/user/0>"),
        ("X-Cron-Env", "<LANG=en_US.UTF-8>"),
        ("X-Cron-Env", "<SHELL=/bin/sh>"),
        ("X-Cron-Env", "<HOME=/root>"),
        ("X-Cron-Env", "<PATH=/usr/bin:/bin>"),
        ("X-Cron-Env", "<LOGNAME=root>"),
        ("X-Cron-Env", "<USER=root>"),
        ("Message-Id", f"<{when.strftime('%Y%m%d%H%M%S')}.{r.postfix_id()}@db02.example.org>"),
        ("Date", rfc(when)),
    ]
    return assemble(fields, """
/etc/cron.daily/logrotate:

error: error running non-shared postrotate script for /var/log/postgresql/postgresql-15-main.log of '/var/log/postgresql/*.log '
run-parts: /etc/cron.daily/logrotate exited with return code 1
""")


@message("sys-logwatch-01-postfix-section.eml")
def _(r):
    when = r.date(2020, 2025, "+0100")
    fields = [
        ("Return-Path", "<root@mail01.example.org>"),
        postfix_rcvd(r, later(when, 1), "mail01.example.org", r.ip(), "mx.example.net", "postmaster@example.net"),
        ("Received", f"by mail01.example.org (Postfix, from userid 0)\n\tid {r.postfix_long_id()}; {pfx(when, 'CET')}"),
        ("To", "postmaster@example.net"),
        ("From", "logwatch@mail01.example.org"),
        ("Subject", "Logwatch for mail01 (Linux)"),
        ("Auto-Submitted", "auto-generated"),
        ("Precedence", "bulk"),
        ("Content-Transfer-Encoding", "7bit"),
        ("Content-Type", "text/plain; charset=\"UTF-8\""),
        ("MIME-Version", "1.0"),
        ("Message-Id", f"<{when.strftime('%Y%m%d%H%M%S')}.{r.postfix_long_id()}@mail01.example.org>"),
        ("Date", rfc(when)),
    ]
    return assemble(fields, f"""
 ################### Logwatch 7.8 ({when.strftime('%m/%d/%y')}) ####################
        Processing Initiated: {when.strftime('%a %b %d %H:%M:%S %Y')}
        Date Range Processed: yesterday
                              ( {later(when, -86400).strftime('%Y-%b-%d')} )
                              Period is day.
        Detail Level of Output: 5
        Type of Output/Format: mail / text
        Logfiles for Host: mail01
 ##################################################################

 --------------------- Postfix Begin ------------------------

    4.382M  Bytes accepted                             4,595,041
    4.301M  Bytes delivered                            4,509,880
 ========   ==================================================

      812   Accepted                                    96.33%
       31   Rejected                                     3.67%
 --------   --------------------------------------------------
      843   Total                                      100.00%
 ========   ==================================================

       22   5xx Reject relay denied                     70.97%
        9   5xx Reject unknown user                     29.03%
 --------   --------------------------------------------------
       31   Total 5xx Rejects                          100.00%
 ========   ==================================================

      797   Delivered
       12   Deferred  (102  Total deferrals)
        3   Bounced (local)

 ****** Detail (10) ******************************************

      22   Reject relay denied ---------------------------------
           22   unknownclient  unknown
              22   Relay access denied

       9   Reject unknown user -------------------------------------
            9   example.org
               3   hr@example.org
               2   j.smith@example.org

 --------------------- Postfix End -------------------------

 --------------------- Disk Space Begin ------------------------

 Filesystem      Size  Used Avail Use% Mounted on
 /dev/vda1        49G   31G   16G  67% /
 /dev/vdb1       197G  142G   46G  76% /var/vmail

 ---------------------- Disk Space End -------------------------

 ###################### Logwatch End #########################
""")


@message("sys-unattended-upgrades-01.eml", crlf=True)
def _(r):
    when = r.date(2021, 2025, "+0000")
    fields = [
        ("Return-Path", "<root@app03.example.com>"),
        postfix_rcvd(r, later(when, 1), "app03.example.com", r.ip(), "mx.example.net", "admins@example.net"),
        ("Received", f"by app03.example.com (Postfix, from userid 0)\n\tid {r.postfix_long_id()}; {pfx(when, 'UTC')}"),
        ("Subject", "[reboot required] unattended-upgrades result for app03.example.com: SUCCESS"),
        ("From", "root <root@app03.example.com>"),
        ("To", "admins@example.net"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=\"utf-8\""),
        ("Content-Transfer-Encoding", "8bit"),
        ("Auto-Submitted", "auto-generated"),
        ("Message-Id", f"<{when.strftime('%Y%m%d%H%M%S')}.{r.postfix_long_id()}@app03.example.com>"),
        ("Date", rfc(when)),
    ]
    return assemble(fields, f"""Unattended upgrade result: All upgrades installed

Warning: A reboot is required to complete this upgrade, or a previous one.

Packages that were upgraded:
 libssl3 linux-image-6.1.0-18-amd64 openssl postfix postfix-pcre

Package installation log:
Log started: {when.strftime('%Y-%m-%d  %H:%M:%S')}
Preparing to unpack .../postfix_3.7.10-0+deb12u1_amd64.deb ...
Unpacking postfix (3.7.10-0+deb12u1) over (3.7.9-0+deb12u1) ...
Setting up postfix (3.7.10-0+deb12u1) ...
Postfix (main.cf) configuration was not changed.
Log ended: {later(when, 80).strftime('%Y-%m-%d  %H:%M:%S')}

Unattended-upgrades log:
Starting unattended upgrades script
Allowed origins are: origin=Debian,codename=bookworm,label=Debian-Security
Packages that will be upgraded: libssl3 linux-image-6.1.0-18-amd64 openssl postfix postfix-pcre
All upgrades installed
""")


@message("sys-smartd-01-pending-sectors.eml")
def _(r):
    when = r.date(2020, 2025, "+0100")
    fields = [
        ("Return-Path", "<root@nas01.example.net>"),
        ("Received", f"by nas01.example.net (Postfix, from userid 0)\n\tid {r.postfix_long_id()}; {pfx(when, 'CET')}"),
        ("From", "root <root@nas01.example.net>"),
        ("To", "root@nas01.example.net"),
        ("Subject", "SMART error (CurrentPendingSector) detected on host: nas01"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Message-Id", f"<{when.strftime('%Y%m%d%H%M%S')}.{r.postfix_long_id()}@nas01.example.net>"),
        ("Date", rfc(when)),
    ]
    return assemble(fields, """This message was generated by the smartd daemon running on:

   host name:  nas01
   DNS domain: example.net

The following warning/error was logged by the smartd daemon:

Device: /dev/sdb [SAT], 8 Currently unreadable (pending) sectors

Device info:
WDC WD40EFRX-68N32N0, S/N:WD-WCC7K0000000, WWN:5-0014ee-000000000, FW:82.00A82, 4.00 TB

For details see host's SYSLOG.

You can also use the smartctl utility for further investigation.
Another message will be sent in 24 hours if the problem persists.
""")


@message("sys-mdadm-01-fail-event.eml")
def _(r):
    when = r.date(2019, 2024, "+0000")
    fields = [
        ("Return-Path", "<root@storage01.example.org>"),
        postfix_rcvd(r, later(when, 1), "storage01.example.org", r.ip(), "mx.example.net", "ops@example.net"),
        ("From", "mdadm monitoring <root@storage01.example.org>"),
        ("To", "ops@example.net"),
        ("Subject", "Fail event on /dev/md0:storage01"),
        ("Message-Id", f"<{when.strftime('%Y%m%d%H%M%S')}.{r.postfix_long_id()}@storage01.example.org>"),
        ("Date", rfc(when)),
    ]
    return assemble(fields, """This is an automatically generated mail message from mdadm
running on storage01

A Fail event had been detected on md device /dev/md0.

It could be related to component device /dev/sdc1.

Faithfully yours, etc.

P.S. The /proc/mdstat file currently contains the following:

Personalities : [raid1] [linear] [multipath] [raid0] [raid6] [raid5] [raid4] [raid10]
md0 : active raid1 sdc1[1](F) sdb1[0]
      1953382464 blocks super 1.2 [2/1] [U_]
      bitmap: 3/15 pages [12KB], 65536KB chunk

unused devices: <none>
""")


@message("sys-fail2ban-01-ban.eml")
def _(r):
    when = r.date(2020, 2025, "+0100")
    ip = r.ip()
    fields = [
        ("Return-Path", "<fail2ban@mail.example.org>"),
        ("Received", f"by mail.example.org (Postfix, from userid 0)\n\tid {r.postfix_long_id()}; {pfx(when, 'CET')}"),
        ("Subject", f"[Fail2Ban] postfix-sasl: banned {ip} from mail.example.org"),
        ("Date", rfc(when)),
        ("From", "Fail2Ban <fail2ban@mail.example.org>"),
        ("To", "postmaster@example.org"),
        ("Message-Id", f"<{when.strftime('%Y%m%d%H%M%S')}.{r.postfix_long_id()}@mail.example.org>"),
    ]
    return assemble(fields, f"""Hi,

The IP {ip} has just been banned by Fail2Ban after
5 attempts against postfix-sasl.

Here is more information about {ip} :

% This is a documentation address range; no whois data.

Lines containing failures of {ip} (max 1000)
{when.strftime('%b %d %H:%M')}:02 mail postfix/smtpd[22113]: warning: unknown[{ip}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6
{when.strftime('%b %d %H:%M')}:09 mail postfix/smtpd[22113]: warning: unknown[{ip}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6
{when.strftime('%b %d %H:%M')}:15 mail postfix/smtpd[22120]: warning: unknown[{ip}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6

Regards,

Fail2Ban
""")


@message("sys-pflogsumm-01-daily.eml")
def _(r):
    when = r.date(2020, 2025, "+0100")
    fields = [
        ("Return-Path", "<root@mx1.example.org>"),
        postfix_rcvd(r, later(when, 1), "mx1.example.org", r.ip(), "mx.example.net", "postmaster@example.net"),
        ("Received", f"by mx1.example.org (Postfix, from userid 0)\n\tid {r.postfix_long_id()}; {pfx(when, 'CET')}"),
        ("Subject", f"Postfix log summary for {later(when, -86400).strftime('%b %-d')}"),
        ("To", "postmaster@example.net"),
        ("From", "root@mx1.example.org (Cron Daemon)"),
        ("Auto-Submitted", "auto-generated"),
        ("Message-Id", f"<{when.strftime('%Y%m%d%H%M%S')}.{r.postfix_long_id()}@mx1.example.org>"),
        ("Date", rfc(when)),
    ]
    return assemble(fields, """Postfix log summaries for Mar  3

Grand Totals
------------
messages

   2114   received
   2731   delivered
      4   forwarded
     17   deferred  (58  deferrals)
      6   bounced
    122   rejected (4%)
      0   reject warnings
      0   held
      0   discarded (0%)

  18711k  bytes received
  22105k  bytes delivered
    188   senders
    102   sending hosts/domains
    671   recipients
     97   recipient hosts/domains

message deferral detail
-----------------------
  smtp (total: 58)
        41   connect to mx.example.com[192.0.2.50]:25: Connection timed out
        17   host mx.example.net[198.51.100.9] said: 452 4.2.2 Mailbox full

message bounce detail (by relay)
--------------------------------
  mx.example.com[192.0.2.61]:25 (total: 4)
         4   550 5.1.1 <sales@example.com>: Recipient address rejected: User unknown
  none (total: 2)
         2   Host or domain name not found. Name service error for name=example.invalid type=MX

message reject detail
---------------------
  RCPT
    Client host rejected: cannot find your hostname (total: 96)
    Relay access denied (total: 26)
""")


@message("sys-systemd-01-onfailure.eml", crlf=True)
def _(r):
    when = r.date(2021, 2025, "+0000")
    fields = [
        ("Return-Path", "<root@backup01.example.net>"),
        ("Received", f"by backup01.example.net (Postfix, from userid 0)\n\tid {r.postfix_long_id()}; {pfx(when, 'UTC')}"),
        ("Date", rfc(when)),
        ("From", "systemd <root@backup01.example.net>"),
        ("To", "root@backup01.example.net"),
        ("Subject", "[backup01] borg-backup.service failed"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Message-Id", f"<{when.strftime('%Y%m%d%H%M%S')}.{r.postfix_long_id()}@backup01.example.net>"),
    ]
    return assemble(fields, """× borg-backup.service - Borg backup of /srv
     Loaded: loaded (/etc/systemd/system/borg-backup.service; static)
     Active: failed (Result: exit-code) since Sat 2024-06-01 03:17:44 UTC; 5ms ago
    Process: 88122 ExecStart=/usr/local/bin/borg-backup (code=exited, status=2)
   Main PID: 88122 (code=exited, status=2)
        CPU: 41.228s

Jun 01 03:17:44 backup01 borg-backup[88122]: Failed to create/acquire the lock /srv/borg/lock.exclusive (timeout).
Jun 01 03:17:44 backup01 systemd[1]: borg-backup.service: Main process exited, code=exited, status=2/INVALIDARGUMENT
Jun 01 03:17:44 backup01 systemd[1]: borg-backup.service: Failed with result 'exit-code'.
""")


# ---------------------------------------------------------------------------
# Transactional mail: password resets, orders, shipping, invoices, codes
# ---------------------------------------------------------------------------

@message("tx-pwreset-01-sendgrid.eml")
def _(r):
    when = r.date(2022, 2025, "+0000")
    token = r.alnum(43)
    html = html_page("Reset your password", [
        "<h2>Reset your password</h2>",
        "Someone (hopefully you) asked to reset the password for your Example Notes account.",
        f"<a href=\"https://notes.example.com/reset/{token}\" style=\"background:#0b5;color:#fff;padding:10px 20px\">Choose a new password</a>",
        "This link expires in 60 minutes. If you didn't ask for this, you can ignore this email; your password won't change.",
    ], "Example Notes · This is a service message about your account.")
    b = r.hex(64)
    text = f"""Reset your password

Someone (hopefully you) asked to reset the password for your Example
Notes account. Choose a new password here:

https://notes.example.com/reset/{token}

This link expires in 60 minutes. If you didn't ask for this, you can
ignore this email; your password won't change.
"""
    fields = with_ct(sendgrid_fields(r, when, "Example Notes <no-reply@notes.example.com>", "yuki@example.net",
                                     "Reset your Example Notes password", "notes.example.com"),
                     f"multipart/alternative; boundary={b}")
    fields = [f for f in fields if not f[0].startswith("List-Unsubscribe")]
    body = multipart(b, [
        part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", "text/plain; charset=us-ascii"),
              ("Mime-Version", "1.0")], qp(text, "us-ascii")),
        part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", "text/html; charset=utf-8"),
              ("Mime-Version", "1.0")], qp(html)),
    ], preamble=None)
    return assemble(fields, body)


@message("tx-pwreset-02-selfhosted-django.eml")
def _(r):
    when = r.date(2019, 2024, "+0200")
    fields = [
        ("Return-Path", "<webmaster@club.example.org>"),
        postfix_rcvd(r, later(when, 1), "club.example.org", r.ip(), "mx.example.net", "member42@example.net"),
        ("Received", f"from club.example.org (localhost [127.0.0.1])\n\tby club.example.org (Postfix) with ESMTP id {r.postfix_long_id()}\n"
         f"\tfor <member42@example.net>; {pfx(when, 'CEST')}"),
        ("Content-Type", "text/plain; charset=\"utf-8\""),
        ("MIME-Version", "1.0"),
        ("Content-Transfer-Encoding", "7bit"),
        ("Subject", "Password reset on club.example.org"),
        ("From", "webmaster@club.example.org"),
        ("To", "member42@example.net"),
        ("Date", rfc(when)),
        ("Message-ID", f"<{epoch(when)}{r.num(10, 99)}.{r.num(1000, 99999)}.{r.num(10 ** 17, 10 ** 18)}@club.example.org>"),
        ("Auto-Submitted", "auto-generated"),
    ]
    return assemble(fields, f"""You're receiving this email because you requested a password reset for your user account at club.example.org.

Please go to the following page and choose a new password:

https://club.example.org/accounts/reset/{r.alnum(3)}/{r.alnum(6).lower()}-{r.hex(32)}/

Your username, in case you've forgotten: member42

Thanks for using our site!

The club.example.org team
""")


@message("tx-pwreset-03-german-ses.eml", crlf=True)
def _(r):
    when = r.date(2022, 2025, "+0100")
    b = f"----=_Part_{r.num(100000, 999999)}_{r.num(100000000, 999999999)}.{epoch(when)}{r.num(100, 999)}"
    text = f"""Hallo Frau Wagner,

Sie haben angefordert, Ihr Passwort für Ihr Kundenkonto zurückzusetzen.
Klicken Sie auf den folgenden Link, um ein neues Passwort festzulegen:

https://konto.example.de/passwort/neu?token={r.alnum(40)}

Der Link ist 30 Minuten gültig. Falls Sie diese Anfrage nicht gestellt
haben, ignorieren Sie diese E-Mail bitte.

Ihr Kundenservice
Example Versand GmbH
"""
    html = html_page("Passwort zurücksetzen", [p.replace("\n", " ") for p in text.split("\n\n")],
                     "Example Versand GmbH · Musterstraße 1 · Impressum")
    fields = with_ct(ses_fields(r, when, "Example Versand <service@konto.example.de>", "wagner@example.net",
                                ew("Passwort zurücksetzen", enc="Q"), "konto.example.de", region="eu-central-1"),
                     f"multipart/alternative; \n\tboundary=\"{b}\"")
    return assemble(fields, alt_qp(b, text, html))


@message("tx-order-01-inline-logo.eml")
def _(r):
    when = r.date(2022, 2025, "-0500")
    order = f"{r.num(100, 999)}-{r.num(1000000, 9999999)}-{r.num(1000000, 9999999)}"
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    rel, alt_b = f"----=_Part_{r.num(100000, 999999)}_{r.num(10 ** 8, 10 ** 9)}", f"----=_Part_{r.num(100000, 999999)}_{r.num(10 ** 8, 10 ** 9)}"
    text = f"""Order Confirmation
Order #{order}

Hello Chris,

Thank you for shopping with us. We'll send a confirmation when your
items ship.

Arriving: Thursday, estimated delivery by 9pm

  1 x USB-C charging cable, 2 m              $12.99
  2 x AA rechargeable batteries (4-pack)     $27.98

Order Total:                                 $43.39

Ship to: Chris Evans, 12 Example Road, Anytown

We hope to see you again soon.
Example Store
"""
    html = f"<html><body><img src=\"cid:logo@example\" alt=\"Example Store\"><pre>{text}</pre></body></html>\n"
    alt = multipart(alt_b, [
        part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "7bit")], text),
        part([("Content-Type", "text/html; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")], qp(html)),
    ], preamble=None)
    body = multipart(rel, [
        part([("Content-Type", f"multipart/alternative; \n\tboundary=\"{alt_b}\"")], alt),
        part([("Content-Type", "image/png"), ("Content-Transfer-Encoding", "base64"), ("Content-ID", "<logo@example>"),
              ("Content-Disposition", "inline")], b64body(png)),
    ], preamble=None)
    fields = with_ct(ses_fields(r, when, "\"store.example.com\" <auto-confirm@store.example.com>", "chris@example.net",
                                f"Your store.example.com order #{order}", "store.example.com"),
                     f"multipart/related; \n\tboundary=\"{rel}\"")
    fields.append(("X-AMAZON-MAIL-RELAY-TYPE", "notification"))
    return assemble(fields, body)


@message("tx-order-02-shop-confirmed.eml")
def _(r):
    when = r.date(2021, 2025, "-0400")
    b = f"--==_mimepart_{r.hex(13)}_{r.num(100, 999)}"
    text = """Order #1042 confirmed

Hi Priyanka, thank you for your purchase!

We're getting your order ready to be shipped. We will notify you when it
has been sent.

Order summary
  Hand-thrown mug, speckled glaze × 2      $64.00
  Subtotal                                 $64.00
  Shipping                                  $8.50
  Taxes                                     $5.76
  Total                                    $78.26 USD

Customer information
  Shipping method: Standard (3-5 business days)
  Payment: ending with 4242

If you have any questions, reply to this email or contact us at hello@pottery.example.com
"""
    fields = [
        ("Return-Path", f"<bounces+{r.num(1000000, 9999999)}@shops.example.com>"),
        postfix_rcvd(r, later(when, 1), f"mail{r.num(10, 99)}.shops.example.com", r.ip(), "mx.example.net", "priyanka@example.net"),
        ("DKIM-Signature", dkim(r, "pottery.example.com", "shopify", when, "from:reply-to:to:subject:date:message-id:mime-version:content-type", "\t")),
        ("Date", rfc(when)),
        ("From", "Example Pottery <store+{0}@t.shops.example.com>".format(r.num(10000000, 99999999))),
        ("Reply-To", "hello@pottery.example.com"),
        ("To", "priyanka@example.net"),
        ("Message-ID", f"<{r.guid()}@shops.example.com>"),
        ("Subject", "Order #1042 confirmed"),
        ("Mime-Version", "1.0"),
        ("Content-Type", f"multipart/alternative;\n boundary=\"{b}\";\n charset=UTF-8"),
        ("Content-Transfer-Encoding", "7bit"),
        ("X-Shopify-Email-Type", "order_confirmation"),
    ]
    return assemble(fields, alt_qp(b, text, html_page("Order #1042 confirmed", [p.replace("\n", "<br>") for p in text.split("\n\n")], "Example Pottery")))


@message("tx-order-03-french-latin1.eml")
def _(r):
    when = r.date(2019, 2023, "+0100")
    num = f"{when.strftime('%Y%m%d')}-{r.num(1000, 9999)}"
    text = f"""Bonjour Madame Girard,

Nous vous remercions pour votre commande n° {num}.

Récapitulatif :
  1 × Cafetière à piston 8 tasses ........ 34,90 €
  2 × Café moulu bio 250 g ............... 13,80 €
  Frais de port .......................... offerts
  Total TTC .............................. 48,70 €

Livraison prévue : sous 3 à 5 jours ouvrés, en point relais.

Merci de votre confiance,
Le service client Example Cuisine
"""
    fields = [
        ("Return-Path", "<commandes@cuisine.example.fr>"),
        postfix_rcvd(r, later(when, 2), "smtp.cuisine.example.fr", r.ip(), "mx.example.net", "m.girard@example.net"),
        ("Date", rfc(when)),
        ("From", "Example Cuisine <commandes@cuisine.example.fr>"),
        ("To", "m.girard@example.net"),
        ("Subject", ew(f"Confirmation de votre commande n° {num}", "ISO-8859-15", "Q")),
        ("Message-ID", f"<{r.hex(32)}@cuisine.example.fr>"),
        ("X-Mailer", "PHPMailer 6.8.0 (https://github.com/PHPMailer/PHPMailer)"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=ISO-8859-15"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ]
    return assemble(fields, qp(text, "iso-8859-15"))


@message("tx-shipping-01-out-for-delivery.eml", crlf=True)
def _(r):
    when = r.date(2022, 2025, "+0000")
    trk = f"1Z{r.up(16)}"
    text = f"""Your package is out for delivery

Tracking number: {trk}
Scheduled delivery: today, between 10:30 and 14:30

Delivery address: Flat 3, 8 Example Lane, Anytown
Delivery instructions: Leave with neighbour if not in

Not going to be home? You can reschedule or choose a safe place:
https://track.parcels.example.com/{trk}

Please do not reply to this email; this mailbox is not monitored.
"""
    b = f"----=_Part_{r.num(100000, 999999)}_{r.num(10 ** 8, 10 ** 9)}.{epoch(when)}{r.num(100, 999)}"
    fields = with_ct(ses_fields(r, when, "Example Parcels <noreply@parcels.example.com>", "flat3@example.net",
                                f"Your package is out for delivery (tracking {trk})", "parcels.example.com"),
                     f"multipart/alternative; \n\tboundary=\"{b}\"")
    return assemble(fields, alt_qp(b, text, html_page("Out for delivery", [p.replace("\n", "<br>") for p in text.split("\n\n")], "Example Parcels")))


@message("tx-invoice-01-pdf.eml")
def _(r):
    when = r.date(2020, 2025, "+0100")
    inv = f"RE-{when.year}-{r.num(10000, 99999)}"
    b = f"=_{r.hex(32)}"
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(r.num(32, 126) for _ in range(700)) + b"\n%%EOF\n"
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=UTF-8"), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(f"Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie unsere Rechnung {inv} über 1.190,00 EUR.\n"
                "Zahlbar innerhalb von 14 Tagen ohne Abzug.\n\nMit freundlichen Grüßen\nExample Hosting GmbH\n")),
        part([("Content-Type", f"application/pdf; name=\"{inv}.pdf\""), ("Content-Transfer-Encoding", "base64"),
              ("Content-Disposition", f"attachment; filename=\"{inv}.pdf\"; size={len(pdf)}")], b64body(pdf)),
    ])
    fields = [
        ("Return-Path", "<rechnung@hosting.example.de>"),
        postfix_rcvd(r, later(when, 2), "mail.hosting.example.de", r.ip(), "mx.example.net", "buchhaltung@example.net"),
        ("Date", rfc(when)),
        ("From", "Example Hosting Buchhaltung <rechnung@hosting.example.de>"),
        ("To", "buchhaltung@example.net"),
        ("Subject", f"Ihre Rechnung {inv}"),
        ("Message-ID", f"<{r.hex(32)}@hosting.example.de>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/mixed;\n boundary=\"{b}\""),
        ("X-Mailer", "Example Billing 4.2"),
        ("Auto-Submitted", "auto-generated"),
    ]
    return assemble(fields, body)


@message("tx-2fa-01-code.eml")
def _(r):
    when = r.date(2022, 2025, "+0000")
    code = r.num(100000, 999999)
    fields = with_ct(ses_fields(r, when, "Example Bank <security@bank.example.com>", "ana@example.net",
                                f"{code} is your verification code", "bank.example.com"), "text/plain; charset=UTF-8")
    fields.append(("Content-Transfer-Encoding", "7bit"))
    return assemble(fields, f"""Your verification code is {code}.

It expires in 10 minutes. Example Bank will never ask you for this code
by phone or email. If you did not try to sign in, change your password
and contact us.
""")


@message("tx-verify-01-confirm-email.eml")
def _(r):
    when = r.date(2021, 2025, "+0000")
    b = f"b1=_{r.alnum(40)}"
    link = f"https://forum.example.org/verify?u={r.num(1000, 99999)}&t={r.hex(40)}"
    text = f"""Welcome to the Example Birders forum!

Please confirm your email address by opening this link:
{link}

If you did not create an account, ignore this message and no account
will be created.
"""
    fields = [
        ("Return-Path", "<noreply@forum.example.org>"),
        postfix_rcvd(r, later(when, 1), "forum.example.org", r.ip(), "mx.example.net", "newbird@example.net"),
        ("Date", rfc(when)),
        ("To", "newbird@example.net"),
        ("From", "Example Birders <noreply@forum.example.org>"),
        ("Subject", "Confirm your email address"),
        ("Message-ID", f"<{r.alnum(43)}@forum.example.org>"),
        ("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)"),
        ("Auto-Submitted", "auto-generated"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/alternative;\n boundary=\"{b}\""),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=us-ascii")], text),
        part([("Content-Type", "text/html; charset=us-ascii")], "<p>" + text.replace("\n\n", "</p><p>") + "</p>\n"),
    ])
    return assemble(fields, body)


# ---------------------------------------------------------------------------
# Subjects that mention delivery, failure or returned mail innocently
# ---------------------------------------------------------------------------

@message("innocent-delivery-schedule-01.eml")
def _(r):
    when = r.date(2023, 2025, "+0100")
    b = f"_000_{r.up(30)}_"
    text = """Hi Joris,

Confirming the delivery schedule for the Rotterdam order:

  Pallets 1-6: Tuesday, 07:00-09:00, dock 3
  Pallets 7-9: Thursday, same window

The driver will call 30 minutes before arrival. Please make sure
someone can sign the delivery note.

Regards,
Mette
"""
    body = simple_alt(b, text)
    return ms365_message(r, when, "example.org", "Mette Sorensen <mette@example.org>", "Joris Bakker <joris@example.net>",
                         "RE: Delivery schedule for the Rotterdam order", f"multipart/alternative;\n\tboundary=\"{b}\"", body,
                         in_reply_to=f"<{r.up(16)}@example.net>", topic="Delivery schedule for the Rotterdam order")


@message("innocent-delivery-failed-courier-01.eml")
def _(r):
    when = r.date(2022, 2025, "+0100")
    trk = f"JJD{r.num(10 ** 17, 10 ** 18)}"
    text = f"""Delivery failed: we could not reach you today

Dear customer,

Our driver tried to deliver your parcel {trk} today at {when.strftime('%H:%M')},
but nobody was at home. Your parcel has been taken to the nearest
parcel shop:

  Kiosk am Markt, Marktplatz 4
  Opening hours: Mon-Sat 07:00-19:00

Please collect it within 7 days with this notice and an ID. After that
it will be returned to the sender.

Your Example Parcel Service
"""
    b = f"----=_Part_{r.num(100000, 999999)}_{r.num(10 ** 8, 10 ** 9)}.{epoch(when)}{r.num(100, 999)}"
    fields = with_ct(ses_fields(r, when, "Example Parcel Service <noreply@parcel.example.de>", "kunde@example.net",
                                f"Delivery failed: parcel {trk}", "parcel.example.de", region="eu-central-1"),
                     f"multipart/alternative; \n\tboundary=\"{b}\"")
    return assemble(fields, alt_qp(b, text, html_page("Delivery failed", [p.replace("\n", "<br>") for p in text.split("\n\n")], "Example Parcel Service")))


@message("innocent-build-failure-jenkins-01.eml")
def _(r):
    when = r.date(2020, 2025, "+0000")
    n = r.num(1000, 2000)
    fields = [
        ("Return-Path", "<jenkins@ci.example.org>"),
        postfix_rcvd(r, later(when, 1), "ci.example.org", r.ip(), "mx.example.net", "dev-team@example.net"),
        ("Date", rfc(when)),
        ("From", "Jenkins <jenkins@ci.example.org>"),
        ("Reply-To", "no-reply@ci.example.org"),
        ("To", "dev-team@example.net"),
        ("Message-ID", f"<{r.num(100000000, 999999999)}.{r.num(100, 999)}.{epoch(when)}{r.num(100, 999)}@ci.example.org>"),
        ("Subject", f"Build failure: mailer-core » main #{n}"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Jenkins-Job", "mailer-core/main"),
        ("X-Jenkins-Result", "FAILURE"),
        ("List-ID", "Jenkins <jenkins.ci.example.org>"),
        ("Auto-Submitted", "auto-generated"),
    ]
    return assemble(fields, f"""See <https://ci.example.org/job/mailer-core/job/main/{n}/display/redirect>

Changes:

[Ingrid Holm] Treat 452 4.5.3 (too many recipients) as a reason to split the batch

------------------------------------------
[...truncated 1.2 MB...]
[ RUN      ] Batch.SplitsOnTooManyRecipients
tests/batch_test.cc:88: Failure
Expected equality of these values:
  batches.size()
    Which is: 1
  2
[  FAILED  ] Batch.SplitsOnTooManyRecipients (3 ms)
[==========] 214 tests from 31 test suites ran. (1843 ms total)
[  PASSED  ] 213 tests.
[  FAILED  ] 1 test, listed below:
[  FAILED  ] Batch.SplitsOnTooManyRecipients
Build step 'Execute shell' marked build as failure
Finished: FAILURE
""")


@message("innocent-pump-failure-01.eml", crlf=True)
def _(r):
    when = r.date(2021, 2025, "-0600")
    text = """Hi Carlos,

Attached is the failure report for pump 3 at site B. Summary: the
mechanical seal failed after ~9,800 hours, which is within the expected
range for this duty. No damage to the impeller. We swapped in the spare
and the pump has run normally for 48 hours.

Recommend ordering two replacement seals so we keep one in stock.

Thanks,
Dale
"""
    mixed = f"000000000000{r.hex(16)}"
    ct_alt, alt = gmail_alt(r, text)
    pdf = b"%PDF-1.5\n" + bytes(r.num(32, 126) for _ in range(500)) + b"\n%%EOF\n"
    body = multipart(mixed, [
        part([("Content-Type", ct_alt)], alt),
        part([("Content-Type", "application/pdf; name=\"Pump3_failure_report.pdf\""),
              ("Content-Disposition", "attachment; filename=\"Pump3_failure_report.pdf\""),
              ("Content-Transfer-Encoding", "base64"), ("X-Attachment-Id", f"f_{r.alnum(9).lower()}0")], b64body(pdf)),
    ], preamble=None)
    return gmail_message(r, when, "Dale Brooks <dale@example.com>", "Carlos Mendez <carlos@example.net>",
                         "Re: Pump 3 failure at site B - report attached", f"multipart/mixed; boundary=\"{mixed}\"", body,
                         in_reply_to=f"<{r.hex(20)}@example.net>")


@message("innocent-undeliverable-address-logistics-01.eml")
def _(r):
    when = r.date(2021, 2025, "+0100")
    text = """Hello,

Three parcels from yesterday's shipment came back as undeliverable
because of incomplete addresses (missing house numbers):

  Order 55671 - Hauptstrasse, 80331 Munich
  Order 55688 - Lindenweg, 20095 Hamburg
  Order 55702 - Am Hafen, 28195 Bremen

Could you check the customer data and send corrected labels? We will
re-ship on Monday.

Best regards,
Warehouse team
"""
    return outlook_smtp_message(r, when, "Warehouse <warehouse@logistics.example.com>", "orders@example.net",
                                "Undeliverable parcels - addresses incomplete (3 orders)", text, lang="en-gb",
                                charset="us-ascii")


@message("innocent-returned-mail-postal-01.eml")
def _(r):
    when = r.date(2020, 2024, "-0500")
    text = """Hi Beth,

The paper invoice we mailed to the Schulz account came back from the
post office stamped "Return to sender - addressee unknown". Could you
ask them for their current billing address? Until then I'll email the
PDF to their accounts payable contact.

Thanks,
Gary
"""
    ct, body = gmail_alt(r, text)
    return gmail_message(r, when, "Gary Fox <gary@example.com>", "Beth Kim <beth@example.net>",
                         "Returned mail from the post office - Schulz invoice", ct, body)


@message("innocent-it-notice-mail-problems-01.eml")
def _(r):
    when = r.date(2022, 2025, "+0100")
    b = f"_000_{r.up(30)}_"
    text = """Dear colleagues,

Between 22:10 and 23:40 last night our outgoing mail was delayed
because of a fault at our filtering provider. All queued messages were
delivered by 00:15; nothing was lost.

If you received a message titled "Delivery Status Notification
(Delay)" during that window, you do not need to send your e-mail again.
If you received one saying the delivery FAILED, please forward it to
the IT service desk so we can check.

We apologise for the inconvenience.

IT Service Desk
"""
    body = simple_alt(b, text)
    return ms365_message(r, when, "example.org", "IT Service Desk <it-servicedesk@example.org>",
                         "All Staff <all-staff@example.org>", "Mail delivery problems last night - resolved",
                         f"multipart/alternative;\n\tboundary=\"{b}\"", body, topic="Mail delivery problems last night - resolved")


@message("innocent-newspaper-no-entregado-01.eml")
def _(r):
    when = r.date(2020, 2025, "+0100")
    text = """Buenos días:

Por tercera vez este mes el periódico no ha llegado a mi domicilio
(suscripción n.º 44871, calle del Ejemplo 12, 3.º B). ¿Pueden revisar
la ruta del repartidor? Si no se soluciona, pediré la baja.

Gracias,
Carmen Ortega
"""
    ct, body = gmail_alt(r, text, qp_enc=True)
    return gmail_message(r, when, "Carmen Ortega <carmen@example.com>", "suscripciones@diario.example.es",
                         ew("Periódico no entregado otra vez (suscripción 44871)", enc="Q"), ct, body,
                         rcpt="suscripciones@diario.example.es")


# ---------------------------------------------------------------------------
# Bounces forwarded or quoted by people (the message itself is not a bounce)
# ---------------------------------------------------------------------------

@message("fwd-why-bounce-outlook-inline-01.eml")
def _(r):
    when = r.date(2023, 2025, "+0100")
    sent = later(when, -1800)
    b = f"_000_{r.up(30)}_"
    text = f"""Hi IT,

I tried to send the contract to Mr. Okafor and got this back. The address
is the one on his business card. Why did this bounce?

Thanks,
Judith

-----Original Message-----
From: Mail Delivery System <MAILER-DAEMON@mail.example.org>
Sent: {sent.strftime('%A, %B %-d, %Y %-I:%M %p')}
To: Judith Ames <j.ames@example.org>
Subject: Undelivered Mail Returned to Sender

This is the mail system at host mail.example.org.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<okafor@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1
    <okafor@example.net>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)
"""
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=\"us-ascii\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(text, "us-ascii")),
        part([("Content-Type", "text/html; charset=\"us-ascii\""), ("Content-Transfer-Encoding", "quoted-printable")],
             qp("<html><body><div class=\"WordSection1\"><p class=\"MsoNormal\">" +
                text.replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>") + "</p></div></body></html>\n", "us-ascii")),
    ], preamble=None)
    return ms365_message(r, when, "example.org", "Judith Ames <j.ames@example.org>", "IT Service Desk <it@example.net>",
                         "Why did this bounce? FW: Undelivered Mail Returned to Sender",
                         f"multipart/alternative;\n\tboundary=\"{b}\"", body,
                         topic="Why did this bounce? FW: Undelivered Mail Returned to Sender")


@message("fwd-gmail-dsn-failure-01.eml", crlf=True)
def _(r):
    when = r.date(2022, 2025, "-0500")
    text = f"""Hey Sam, is this address still right? Gmail keeps bouncing it.

---------- Forwarded message ---------
From: Mail Delivery Subsystem <mailer-daemon@example.com>
Date: {later(when, -3600).strftime('%a, %b %-d, %Y at %-I:%M %p')}
Subject: Delivery Status Notification (Failure)
To: <tina@example.com>


Address not found

Your message wasn't delivered to jan.old@example.net because the
address couldn't be found, or is unable to receive mail.

LEARN MORE https://support.google.com/mail/?p=NoSuchUser

The response from the remote server was:

550 5.1.1 <jan.old@example.net>: Recipient address rejected: User unknown


---------- Forwarded message ----------
From: Tina Brown <tina@example.com>
To: jan.old@example.net
Cc:
Bcc:
Date: {later(when, -3605).strftime('%a, %d %b %Y %H:%M:%S')} -0500
Subject: Book club on Thursday
----- Message truncated -----
"""
    ct, body = gmail_alt(r, text, qp_enc=True)
    return gmail_message(r, when, "Tina Brown <tina@example.com>", "Sam Ortiz <sam@example.net>",
                         "Fwd: Delivery Status Notification (Failure)", ct, body)


def dsn_message(r, when, reporting, sender, rcpt, status, code, diag, subject, orig_subject):
    """A Postfix DSN as it would be attached to someone's reply."""
    b = f"{r.postfix_long_id()}.{epoch(when)}/{reporting}"
    orig = f"""Return-Path: <{sender}>
Received: by {reporting} (Postfix, from userid 1000)
	id {r.postfix_long_id()}; {pfx(later(when, -5))}
Date: {rfc(later(when, -5))}
From: {sender}
To: {rcpt}
Subject: {orig_subject}
Message-ID: <{r.hex(16)}@{sender.split('@')[1]}>
"""
    report = f"""Reporting-MTA: dns; {reporting}
X-Postfix-Queue-ID: {r.postfix_long_id()}
X-Postfix-Sender: rfc822; {sender}
Arrival-Date: {pfx(later(when, -5))}

Final-Recipient: rfc822; {rcpt}
Original-Recipient: rfc822;{rcpt}
Action: failed
Status: {status}
Remote-MTA: dns; mx.{rcpt.split('@')[1]}
Diagnostic-Code: smtp; {code} {status} {diag}
"""
    human = f"""This is the mail system at host {reporting}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<{rcpt}>: host mx.{rcpt.split('@')[1]}[{r.ip()}] said: {code} {status}
    {diag} (in reply to RCPT TO command)
"""
    body = multipart(b, [
        part([("Content-Description", "Notification"), ("Content-Type", "text/plain; charset=us-ascii")], human),
        part([("Content-Description", "Delivery report"), ("Content-Type", "message/delivery-status")], report),
        part([("Content-Description", "Undelivered Message Headers"), ("Content-Type", "text/rfc822-headers")], orig),
    ], preamble="This is a MIME-encapsulated message.")
    return assemble([
        ("Return-Path", "<>"),
        ("Received", f"by {reporting} (Postfix)\n\tid {r.postfix_long_id()}; {pfx(when)}"),
        ("Date", rfc(when)),
        ("From", f"MAILER-DAEMON@{reporting} (Mail Delivery System)"),
        ("Subject", subject),
        ("To", sender),
        ("Auto-Submitted", "auto-replied"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f"multipart/report; report-type=delivery-status;\n\tboundary=\"{b}\""),
        ("Content-Transfer-Encoding", "8bit"),
        ("Message-Id", f"<{when.strftime('%Y%m%d%H%M%S')}.{r.postfix_long_id()}@{reporting}>"),
    ], body)


@message("fwd-reply-attached-dsn-rfc822-01.eml")
def _(r):
    when = r.date(2022, 2025, "+0100")
    bounce = dsn_message(r, later(when, -7200), "mail.example.org", "newsletter@example.org", "ruth@example.net",
                         "5.2.2", "552", "Mailbox full: quota exceeded", "Undelivered Mail Returned to Sender",
                         "Newsletter March")
    b = f"------------{r.alnum(24)}"
    text = """Hi Ruth,

our newsletter to you came back with the attached notice (your mailbox
seems to be full). Could you free some space or give us another
address? I've attached the bounce so your provider can have a look.

Best,
Marta (newsletter team)
"""
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=UTF-8; format=flowed"), ("Content-Transfer-Encoding", "7bit")], text),
        part([("Content-Type", "message/rfc822; name=\"Undelivered Mail Returned to Sender.eml\""),
              ("Content-Disposition", "attachment; filename=\"Undelivered Mail Returned to Sender.eml\"")], bounce),
    ])
    fields = [
        ("Return-Path", "<marta@example.org>"),
        postfix_rcvd(r, later(when, 2), "mail.example.org", r.ip(), "mx.example.net", "ruth@example.net"),
        ("Message-ID", f"<{r.guid()}@example.org>"),
        ("Date", rfc(when)),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "en-US"),
        ("To", "Ruth Adler <ruth@example.net>"),
        ("From", "Marta Kowalska <marta@example.org>"),
        ("Subject", "Our newsletter to you bounced (mailbox full?)"),
        ("Content-Type", f"multipart/mixed; boundary=\"{b}\""),
    ]
    return assemble(fields, body)


@message("fwd-outlook-fw-undeliverable-attached-01.eml", crlf=True)
def _(r):
    when = r.date(2023, 2025, "+0100")
    ndr_when = later(when, -5400)
    inner_b = f"_000_{r.up(30)}_"
    ndr_text = """Your message to f.rossi@example.net couldn't be delivered.

f.rossi wasn't found at example.net.

Action Required                                   Recipient
Unknown To address

How to Fix It
The address may be misspelled or may not exist. Try one or more of the following:
- Retype the recipient's address, then resend the message.

Diagnostic information for administrators:

Generating server: DB9PR07MB1234.eurprd07.prod.outlook.com

f.rossi@example.net
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'
"""
    ndr = assemble([
        ("From", "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@example.org>"),
        ("To", "Paolo Greco <p.greco@example.org>"),
        ("Date", rfc(utc(ndr_when))),
        ("Subject", "Undeliverable: Q1 figures"),
        ("Content-Type", f"multipart/alternative; boundary=\"{inner_b}\""),
        ("MIME-Version", "1.0"),
        ("X-MS-Exchange-Message-Is-Ndr", ""),
        ("Auto-Submitted", "auto-replied"),
    ], multipart(inner_b, [part([("Content-Type", "text/plain; charset=\"us-ascii\"")], ndr_text)], preamble=None))
    mixed, alt_b = f"_004_{r.up(30)}_", f"_000_{r.up(30)}_"
    text = """Hi Nico,

can you check this? Francesca's address bounces since Monday. Did they
change domains? I have attached the notice.

Paolo
"""
    alt = simple_alt(alt_b, text)
    body = multipart(mixed, [
        part([("Content-Type", f"multipart/alternative;\n\tboundary=\"{alt_b}\"")], alt),
        part([("Content-Type", "message/rfc822"), ("Content-Disposition", "attachment;\n\tcreation-date=\"" +
              utc(when).strftime('%a, %d %b %Y %H:%M:%S GMT') + "\";\n\tmodification-date=\"" +
              utc(when).strftime('%a, %d %b %Y %H:%M:%S GMT') + "\"")], ndr),
    ], preamble=None)
    return ms365_message(r, when, "example.org", "Paolo Greco <p.greco@example.org>", "Nico Ferri <nico@example.net>",
                         "FW: Undeliverable: Q1 figures", f"multipart/mixed;\n\tboundary=\"{mixed}\"", body, has_attach=True,
                         topic="Undeliverable: Q1 figures")


@message("fwd-helpdesk-ticket-exim-quoted-01.eml")
def _(r):
    when = r.date(2021, 2025, "+0000")
    tid = r.num(10000, 99999)
    text = f"""Dear Mr. Lindqvist,

thank you for your ticket. The notice you forwarded says the receiving
server refused the message because the mailbox is disabled, so the
problem is on the recipient's side; please contact them by phone.

> -------- Forwarded Message --------
> Subject: Mail delivery failed: returning message to sender
> Date: {rfc(later(when, -86400))}
> From: Mail Delivery System <Mailer-Daemon@smtp.example.com>
> To: erik.lindqvist@example.com
>
> This message was created automatically by mail delivery software.
>
> A message that you sent could not be delivered to one or more of its
> recipients. This is a permanent error. The following address(es) failed:
>
>   anna.berg@example.net
>     host mx.example.net [192.0.2.40]
>     SMTP error from remote mail server after RCPT TO:<anna.berg@example.net>:
>     550 5.2.1 Mailbox disabled, not accepting messages

Kind regards,
Example Hosting Support
"""
    fields = [
        ("Return-Path", "<support@hosting.example.com>"),
        postfix_rcvd(r, later(when, 1), "helpdesk.hosting.example.com", r.ip(), "mx.example.com", "erik.lindqvist@example.com"),
        ("Date", rfc(when)),
        ("From", "Example Hosting Support <support@hosting.example.com>"),
        ("To", "erik.lindqvist@example.com"),
        ("Subject", f"[Ticket#{when.strftime('%Y%m%d')}{tid}] RE: Mail to a customer keeps bouncing"),
        ("Message-ID", f"<{epoch(when)}.{r.num(100000, 999999)}.{r.num(100, 999)}@helpdesk.hosting.example.com>"),
        ("In-Reply-To", f"<{r.hex(16)}@example.com>"),
        ("X-Mailer", "Zammad Mail Service"),
        ("X-Loop", "yes"),
        ("Precedence", "bulk"),
        ("Auto-Submitted", "auto-generated"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "7bit"),
    ]
    return assemble(fields, text)


@message("fwd-list-post-qmail-quoted-01.eml")
def _(r):
    when = r.date(2019, 2022, "+0100")
    rcpt = "bob@example.net"
    body = """Hi list,

our bounce processor ignores notices like the one below; it only seems to
understand DSNs. Is there a maintained parser that knows the qmail text
format, or do people just match "does not like recipient"?

---- quoted bounce (addresses changed) ----
Hi. This is the qmail-send program at mx.example.com.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<dieter@example.org>:
192.0.2.8 does not like recipient.
Remote host said: 550 5.1.1 <dieter@example.org>: User unknown
Giving up on 192.0.2.8.

--- Below this line is a copy of the message.
---- end of quoted bounce ----

Thanks,
Till

"""
    fields = mailman2_fields(r, when, "users", rcpt) + [
        ("Message-ID", f"<{r.hex(8)}.{r.hex(8)}@example.de>"),
        ("Date", rfc(when)),
        ("From", "Till Hoffmann <till@example.de>"),
        ("To", "users@lists.example.org"),
        ("Subject", "[users] parsing qmail bounces (does not like recipient)"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=us-ascii"),
        ("Content-Transfer-Encoding", "7bit"),
    ] + mailman2_list_fields("users", "Discussion of Example mail server setups")
    return assemble(fields, body + MAILMAN2_FOOTER.format(list="users"))


@message("fwd-german-aw-unzustellbar-01.eml")
def _(r):
    when = r.date(2022, 2025, "+0100")
    text = """Hallo Herr Weber,

danke für den Hinweis. Die Adresse hatte einen Tippfehler ("beker"
statt "becker"), ich habe das Angebot eben an die richtige Adresse
geschickt.

Viele Grüße
Anja Roth

-----Ursprüngliche Nachricht-----
Von: Weber, Thomas <t.weber@example.net>
Gesendet: Dienstag, 5. März 2024 10:14
An: Roth, Anja <a.roth@example.de>
Betreff: WG: Unzustellbar: Angebot 2024-117

Frau Roth, das kam bei uns zurück:

Ihre Nachricht konnte nicht an folgende Empfänger übermittelt werden:

j.beker@example.com
Die E-Mail-Adresse wurde nicht gefunden.

Diagnoseinformationen für Administratoren:
Generierender Server: AM6PR07MB5678.eurprd07.prod.outlook.com
j.beker@example.com
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'
"""
    return outlook_smtp_message(r, when, "Anja Roth <a.roth@example.de>", "\"Weber, Thomas\" <t.weber@example.net>",
                                ew("AW: WG: Unzustellbar: Angebot 2024-117", "iso-8859-1", "Q"), text,
                                charset="iso-8859-1", extra=[("In-Reply-To", f"<{r.hex(24)}@example.net>")])


@message("fwd-support-html-dsn-fields-01.eml", crlf=True)
def _(r):
    when = r.date(2021, 2025, "+0000")
    b = r.hex(64)
    text = """Hello,

Thanks for sending the bounce. The relevant part is:

  Final-Recipient: rfc822; buyer@example.net
  Action: failed
  Status: 5.7.1
  Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host
      [198.51.100.7] blocked using zen.spamhaus.org

This means the receiving server rejected mail from the IP address of
your old web server (198.51.100.7), which is on a block list. Your
shop now sends through our relay, so new order e-mails will not be
affected. No action is needed on your side.

Best regards,
Example Webhosting Support
"""
    html = html_page("Re: bounce", [p.replace("\n", "<br>") for p in text.split("\n\n")], "Example Webhosting · Support")
    fields = with_ct(sendgrid_fields(r, when, "Example Webhosting Support <support@webhost.example.com>",
                                     "shopowner@example.net", "Re: [#48812] Order e-mails bounce with 554 5.7.1",
                                     "webhost.example.com"), f"multipart/alternative; boundary={b}")
    fields = [f for f in fields if not f[0].startswith("List-Unsubscribe")]
    body = multipart(b, [
        part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", "text/plain; charset=us-ascii"),
              ("Mime-Version", "1.0")], qp(text, "us-ascii")),
        part([("Content-Transfer-Encoding", "quoted-printable"), ("Content-Type", "text/html; charset=utf-8"),
              ("Mime-Version", "1.0")], qp(html)),
    ], preamble=None)
    return assemble(fields, body)


# ---------------------------------------------------------------------------

def render(name, crlf, fn):
    text = fn(R(name))
    assert "\r" not in text, name
    if crlf:
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8")


def main(argv):
    check = "--check" in argv
    names = [n for n, _, _ in MESSAGES]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        sys.exit(f"duplicate names: {sorted(dupes)}")
    OUT.mkdir(exist_ok=True)
    differ = 0
    for name, crlf, fn in MESSAGES:
        data = render(name, crlf, fn)
        path = OUT / name
        if check:
            if not path.exists() or path.read_bytes() != data:
                print(f"differs: {name}")
                differ += 1
        else:
            path.write_bytes(data)
    if not check:
        known = set(names)
        for stale in OUT.glob("*.eml"):
            if stale.name not in known:
                stale.unlink()
        print(f"wrote {len(MESSAGES)} messages to {OUT}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
