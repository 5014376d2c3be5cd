#!/usr/bin/env python3
"""The printed and the phone report, checked as a reader sees them (issue 21, section 4).

    check_print.py CHROMIUM FOLDER
FOLDER holds editions written by `rensa report --format html,json,pdf` (any languages).
For each edition:
  1. every numeric table cell of the JSON is in the PDF: the HTML's numeric cells (the
     JSON's values as printed) are as many as the JSON's, and each one of them (and every
     long text cell, such as a SHA-256) is found in `pdftotext`'s text of the PDF, in
     the order of the document (`pdftotext -layout`: a row's cells on its line), so a cell
     clipped off the page, or a table cut short, fails; long cells (a digest) whole;
  2. no page but the last is near empty: its text ends in the top quarter of the page (a
     page holding one heading, or one orphaned row);
  3. on a 390 px phone, every table with a column for the year reported shows that column
     without scrolling sideways (Chromium emulates the phone through the DevTools protocol
     and measures the page; the report itself has no script).
Exit 1 with every failure listed.
"""
import json, os, re, subprocess, sys, tempfile, html as htmlmod

chromium, folder = sys.argv[1], sys.argv[2]
failures = []

def numeric_json_cells(doc):
    n = 0
    for s in doc["sections"]:
        for b in s["blocks"]:
            if b["type"] != "table":
                continue
            for row in b["rows"]:
                for k, v in enumerate(row):
                    if k == 0 and isinstance(v, str):
                        continue
                    if v is None or isinstance(v, (int, float)) or isinstance(v, dict):
                        n += 1
    return n

def squeeze(s):
    return re.sub(r"\s+", "", s)

def phone(chromium, url, expression):
    """Lays out `url` as a 390 × 844 px phone (Chrome DevTools protocol over a pipe:
    device metrics emulation, as DevTools' device mode) and returns `expression`'s value."""
    to_chrome, from_chrome = os.pipe(), os.pipe()
    def fds():
        os.dup2(to_chrome[0], 3)
        os.dup2(from_chrome[1], 4)
    with tempfile.TemporaryDirectory() as tmp:
        args = [chromium, "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                f"--user-data-dir={tmp}/profile", "--remote-debugging-pipe", "about:blank"]
        if os.getuid() == 0:
            args.insert(1, "--no-sandbox")
        proc = subprocess.Popen(args, preexec_fn=fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome[0]); os.close(from_chrome[1])
        buffer = b""
        counter = [0]
        def send(method, params=None, session=None):
            counter[0] += 1
            message = {"id": counter[0], "method": method, "params": params or {}}
            if session:
                message["sessionId"] = session
            os.write(to_chrome[1], json.dumps(message).encode() + b"\0")
            return counter[0]
        def wait(pred):
            nonlocal buffer
            while True:
                while b"\0" in buffer:
                    raw, buffer = buffer.split(b"\0", 1)
                    message = json.loads(raw)
                    if pred(message):
                        return message
                chunk = os.read(from_chrome[0], 1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                buffer += chunk
        try:
            k = send("Target.createTarget", {"url": "about:blank"})
            target = wait(lambda m: m.get("id") == k)["result"]["targetId"]
            k = send("Target.attachToTarget", {"targetId": target, "flatten": True})
            session = wait(lambda m: m.get("id") == k)["result"]["sessionId"]
            k = send("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}, session)
            wait(lambda m: m.get("id") == k)
            k = send("Page.enable", {}, session)
            wait(lambda m: m.get("id") == k)
            send("Page.navigate", {"url": url}, session)
            wait(lambda m: m.get("method") == "Page.loadEventFired")
            k = send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
            return wait(lambda m: m.get("id") == k)["result"]["result"]["value"]
        finally:
            try:
                send("Browser.close")
            except OSError:
                pass
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            os.close(to_chrome[1]); os.close(from_chrome[0])

for name in sorted(os.listdir(folder)):
    if not name.endswith(".json"):
        continue
    stem = name[:-5]
    doc = json.load(open(os.path.join(folder, name), encoding="utf-8"))
    page = open(os.path.join(folder, stem + ".html"), encoding="utf-8").read()
    pdf = os.path.join(folder, stem + ".pdf")
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"], capture_output=True, check=True).stdout.decode("utf-8")
    flat = squeeze(text)
    # Reading order (not layout) keeps a wrapped cell's lines together: for long cells.
    reading = squeeze(subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, check=True).stdout.decode("utf-8"))
    # 1. Numeric cells: the HTML's td.num (withheld "x", "no data" and "–" included) are
    # the JSON's numeric cells as printed.
    cells = [htmlmod.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r'<td class="num[^"]*"[^>]*>(.*?)</td>', page)]
    expected = numeric_json_cells(doc)
    # The JSON also counts null first-column cells and "–" cells printed as text (not td.num).
    if len(cells) > expected or len(cells) < expected * 0.9:
        failures.append(f"{stem}: {len(cells)} numeric cells in the HTML, {expected} in the JSON")
    position = 0
    missing = []
    for c in cells:
        needle = squeeze(c)
        if not re.search(r"\d", needle):
            continue
        found = flat.find(needle, position)
        if found < 0:
            missing.append(c)
        else:
            position = found + len(needle)
    long_cells = set(re.findall(r"\b[0-9a-f]{64}\b", page))
    # A digest wrapped inside its cell beside a wrapped label comes out of pdftotext with
    # the label's second line between its halves: compare on the hexadecimal characters
    # of the text alone (64 of them in order cannot match by chance).
    hex_only = re.sub(r"[^0-9a-f]", "", reading)
    for d in long_cells:
        if d not in reading and d not in hex_only:
            missing.append(d)
    if missing:
        failures.append(f"{stem}: {len(missing)} values of the report are not in its PDF (in order), e.g. {missing[:5]}")
    # 2. Near-empty pages, from the words' boxes.
    box = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True).stdout.decode("utf-8")
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', box, re.S)
    for k, (w, h, body) in enumerate(pages[:-1]):
        h = float(h)
        words = [(float(a), float(b), t) for a, b, t in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', body)]
        # Leave out the marking and page number in the top and bottom margins.
        content = [y1 for y0, y1, t in words if y0 > 0.07 * h and y1 < 0.93 * h]
        bottom = max(content, default=0)
        if bottom < 0.25 * h:
            failures.append(f"{stem}: page {k + 1} of {len(pages)} is near empty (its text ends at {bottom / h:.0%} of the page)")
    # 3. The phone: the year reported's column is on screen.
    latest = doc["sections"][0]["blocks"]
    year_label = None
    for b in latest:
        if b["type"] == "table" and b["id"] == "headline":
            year_label = b["columns"][1]
    measure = """(() => {
  const out = [];
  for (const t of document.querySelectorAll('table')) {
    const head = [...t.querySelectorAll('thead th')];
    const k = head.findIndex(th => th.textContent.trim() === %s);
    if (k < 0) continue;
    const r = head[k].getBoundingClientRect();
    out.push(t.id + '=' + Math.ceil(r.right));
  }
  return innerWidth + ' ' + out.join(' ');
})()""" % json.dumps(year_label)
    result = phone(chromium, "file://" + os.path.abspath(os.path.join(folder, stem + ".html")), measure)
    dom = 'data-phone="%s"' % result if result else ""
    m = re.search(r'data-phone="([^"]*)"', dom)
    if not m:
        failures.append(f"{stem}: the phone layout could not be measured")
    else:
        width, *tables = m.group(1).split()
        width = int(width)
        if width != 390:
            failures.append(f"{stem}: the phone viewport is {width} px, not 390")
        if not tables:
            failures.append(f"{stem}: no table has a column for {year_label}")
        off = [t for t in tables if int(t.split("=")[1]) > width]
        if off:
            failures.append(f"{stem}: on a {width} px phone the {year_label} column is off screen in {off}")
    print(f"print: {stem}: {len(cells)} numeric cells, {len(pages)} pages, phone {m.group(1).split()[0] if m else '?'} px, {len(tables) if m else 0} tables with {year_label}")

if failures:
    print("print: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
    sys.exit(1)
print("print: every value of the JSON is in the PDF, no page is near empty, the latest year fits a phone")
