"""Wraps a rendered report page for measuring in headless Chromium: a copy without the
Content-Security-Policy meta element (the pages forbid scripts) with the measuring script
appended, shown in a frame WIDTH pixels wide (a headless window is never narrower than 500
pixels). The script writes its result into the wrapper's DOM, which --dump-dom prints.

usage: frame_page.py PAGE.html SCRIPT.js OUT.html WIDTH"""
import html
import re
import sys

page = open(sys.argv[1], encoding="utf-8").read()
page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
js = open(sys.argv[2], encoding="utf-8").read()
page = page.replace("</body>", "<script>" + js + "</script></body>")
open(sys.argv[3], "w", encoding="utf-8").write(
    '<!DOCTYPE html><html><body style="margin:0"><iframe style="border:0;width:%spx;height:4000px" '
    'srcdoc="%s"></iframe></body></html>' % (sys.argv[4], html.escape(page, quote=True)))
