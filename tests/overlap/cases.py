"""Texts and sample ids shared by the overlap tests (written by hand)."""
from __future__ import annotations

D000 = "000_7a1e7394c9004f4f"
D001 = "001_28ca36ce2e4e94c5"
D003 = "003_0d55d710c7bf9c8f"
D004 = "004_5ba1a730b4e5b811"

FILLER_A = ("Officials in the region spent the morning reviewing harvest figures, which showed a modest rise "
            "in grain output after a wet spring. Farmers said storage remained the main worry.")
FILLER_B = ("A local football club unveiled plans for a new stand on Tuesday, promising wider seats and a "
            "covered walkway for supporters travelling from the station.")
FILLER_C = ("The museum reopened its east wing after a long restoration, with paintings rehung in the order "
            "the founder chose a century ago and new lighting throughout.")
COPIED = ("The ministry said the new rail line would carry twelve thousand passengers a day once the tunnel "
          "under the river is finished, and that tickets would cost less than the current bus fare.")
# the same sentence with content words swapped by hand, none of the swaps in the lexicon
SPUN_UNKNOWN = ("The ministry said the fresh railway line would transport twelve thousand riders a day once the "
                "tunnel under the river is completed, and that fares would cost less than the present coach fare.")
