"""Packets for expert panels (issue 6): what an expert receives before the 评估/验收 meeting.

``build_packet(report, out_dir, …)`` checks the report (the same findings as ``docgen check``) and
writes a cover sheet, the pre-check summary, the scoring sheet pre-filled from the findings (sheet
data in the profile: ``scoring:`` in checks/*.yaml → checks/scoring/*.yaml), blank 专家意见单 and
意见修改回复单, the report annotated (Word comments / PDF highlights) and one bundled PDF with
bookmarks. See docs/packet.md.
"""

from docgen.packet.build import PacketError, PacketResult, build_packet
from docgen.packet.scoring import ScoringSheet, load_scoring, prefill

__all__ = ["PacketError", "PacketResult", "ScoringSheet", "build_packet", "load_scoring", "prefill"]
