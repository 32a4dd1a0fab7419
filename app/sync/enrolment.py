"""Enrolment codes: what the city server hands a community so both sides learn each other's keys.

The code carries the server's public keys, the community's record as the city created it, a
one-time token and a secret.  The community's first package proves it holds the secret
(HMAC-SHA256 over its own public keys), and the server then trusts those keys.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import zlib
from dataclasses import dataclass
from typing import Any

import orjson

from app.sync.errors import SyncError
from app.sync.keys import PublicIdentity, b64, unb64

PREFIX = "CLE1-"
MAX_COMPUTERS = 99


@dataclass(frozen=True)
class EnrolmentCode:
    server: PublicIdentity
    token: str
    secret: bytes
    community_change: dict[str, Any]
    # The how-manieth computer of the community this code enrols (1 for the first).
    computer: int = 1

    @property
    def community_id(self) -> str:
        return str(self.community_change["record"])

    @property
    def community_code(self) -> str:
        return str(self.community_change["fields"]["code"])

    def encode(self) -> str:
        doc = {"v": 1, "server": self.server.to_json(), "token": self.token, "secret": b64(self.secret),
               "community": self.community_change, "computer": self.computer}
        packed = zlib.compress(orjson.dumps(doc), 9)
        return PREFIX + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, text: str) -> EnrolmentCode:
        text = "".join(text.split())
        if not text.startswith(PREFIX):
            raise SyncError("enrolment_invalid")
        body = text[len(PREFIX):]
        try:
            packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            doc = orjson.loads(zlib.decompressobj().decompress(packed, 1 << 20))
            change = doc["community"]
            if doc["v"] != 1 or change["table"] != "community" or not change["fields"].get("code"):
                raise ValueError("not a community")
            computer = doc.get("computer", 1)
            if type(computer) is not int or not 1 <= computer <= MAX_COMPUTERS:
                raise ValueError("not a computer number")
            return cls(PublicIdentity.from_json(doc["server"]), str(doc["token"]), unb64(doc["secret"]),
                       change, computer)
        except (ValueError, KeyError, TypeError, zlib.error, orjson.JSONDecodeError):
            raise SyncError("enrolment_invalid") from None


def proof(secret: bytes, token: str, identity: PublicIdentity) -> str:
    message = "|".join([token, identity.node_id, b64(identity.sign_public), b64(identity.box_public)])
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


def proof_matches(secret: bytes, token: str, identity: PublicIdentity, claimed: str) -> bool:
    return hmac.compare_digest(proof(secret, token, identity), claimed)
