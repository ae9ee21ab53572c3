"""Namespace constants and Clark-notation tags used by the DOCX reader.

lxml compares tags as ``{uri}local`` strings; building them once here lets the hot loops of the
walker compare interned strings instead of calling ``QName`` per element (checker.md §4: the raw
lxml walk is the speed budget, so the reader must stay close to it).
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"

W = "{%s}" % W_NS


def w(local: str) -> str:
    return W + local


# attributes
VAL = w("val")
TYPE = w("type")
ID = w("id")
NAME = w("name")
STYLE_ID = w("styleId")
R_ID = "{%s}id" % R_NS
R_EMBED = "{%s}embed" % R_NS
R_LINK = "{%s}link" % R_NS
MC_REQUIRES = "Requires"

# block-level
BODY = w("body")
P = w("p")
TBL = w("tbl")
SDT = w("sdt")
SDT_PR = w("sdtPr")
SDT_CONTENT = w("sdtContent")
SECT_PR = w("sectPr")
CUSTOM_XML = w("customXml")
BOOKMARK_START = w("bookmarkStart")

# paragraph
PPR = w("pPr")
PSTYLE = w("pStyle")
NUMPR = w("numPr")
ILVL = w("ilvl")
NUMID = w("numId")
OUTLINE_LVL = w("outlineLvl")
PAGE_BREAK_BEFORE = w("pageBreakBefore")
JC = w("jc")

# run level
R = w("r")
RPR = w("rPr")
RSTYLE = w("rStyle")
T = w("t")
DEL_TEXT = w("delText")
TAB = w("tab")
PTAB = w("ptab")
BR = w("br")
CR = w("cr")
NO_BREAK_HYPHEN = w("noBreakHyphen")
SOFT_HYPHEN = w("softHyphen")
SYM = w("sym")
LAST_RENDERED = w("lastRenderedPageBreak")
FLD_CHAR = w("fldChar")
FLD_CHAR_TYPE = w("fldCharType")
INSTR_TEXT = w("instrText")
FLD_SIMPLE = w("fldSimple")
INSTR = w("instr")
HYPERLINK = w("hyperlink")
ANCHOR = w("anchor")
SMART_TAG = w("smartTag")
INS = w("ins")
DEL = w("del")
MOVE_TO = w("moveTo")
MOVE_FROM = w("moveFrom")
VANISH = w("vanish")
SPEC_VANISH = w("specVanish")
B = w("b")
SZ = w("sz")
DRAWING = w("drawing")
PICT = w("pict")
OBJECT = w("object")
TXBX_CONTENT = w("txbxContent")
FOOTNOTE_REF = w("footnoteReference")
ENDNOTE_REF = w("endnoteReference")
DIR = w("dir")
BDO = w("bdo")

# tables
TR = w("tr")
TC = w("tc")
TRPR = w("trPr")
TCPR = w("tcPr")
TBL_GRID = w("tblGrid")
GRID_COL = w("gridCol")
GRID_SPAN = w("gridSpan")
GRID_BEFORE = w("gridBefore")
GRID_AFTER = w("gridAfter")
VMERGE = w("vMerge")
HMERGE = w("hMerge")
TBL_HEADER = w("tblHeader")
SHD = w("shd")

# markup compatibility
ALTERNATE_CONTENT = "{%s}AlternateContent" % MC_NS
CHOICE = "{%s}Choice" % MC_NS
FALLBACK = "{%s}Fallback" % MC_NS
