"""Node keys: an Ed25519 key signs packages, an X25519 key receives packages sealed to this node.

Sealing follows the usual hybrid construction, built only from the ``cryptography`` library's
primitives: a random content key encrypts the body with ChaCha20-Poly1305; for each recipient an
ephemeral X25519 exchange, stretched with HKDF-SHA256, wraps that content key.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SEAL_ALGORITHM = "X25519-HKDF-SHA256-ChaCha20Poly1305"
SIGN_ALGORITHM = "Ed25519"
_WRAP_INFO = b"community-ledger sync package key v1"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(sign_public: bytes, box_public: bytes) -> str:
    """What two people read to each other to be sure they hold the same keys: 8 groups of 4."""
    digest = hashlib.sha256(b"community-ledger node v1" + sign_public + box_public).hexdigest().upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


@dataclass(frozen=True)
class PublicIdentity:
    node_id: str
    sign_public: bytes
    box_public: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_public, self.box_public)

    def to_json(self) -> dict[str, str]:
        return {"node_id": self.node_id, "sign_key": b64(self.sign_public), "box_key": b64(self.box_public)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PublicIdentity:
        return cls(str(data["node_id"]), unb64(data["sign_key"]), unb64(data["box_key"]))

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.sign_public).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True)
class NodeKeys:
    node_id: str
    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @classmethod
    def generate(cls, node_id: str) -> NodeKeys:
        return cls(node_id, Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    def private_json(self) -> dict[str, str]:
        return {"node_id": self.node_id, "sign": b64(self.sign.private_bytes_raw()),
                "box": b64(self.box.private_bytes_raw())}

    @classmethod
    def from_private_json(cls, data: dict[str, Any]) -> NodeKeys:
        return cls(str(data["node_id"]), Ed25519PrivateKey.from_private_bytes(unb64(data["sign"])),
                   X25519PrivateKey.from_private_bytes(unb64(data["box"])))

    @property
    def public(self) -> PublicIdentity:
        return PublicIdentity(self.node_id, self.sign.public_key().public_bytes_raw(),
                              self.box.public_key().public_bytes_raw())

    def sign_bytes(self, message: bytes) -> bytes:
        return self.sign.sign(message)


def _wrap_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient,
                info=_WRAP_INFO).derive(shared)


def seal(plaintext: bytes, recipients: list[PublicIdentity], aad: bytes) -> dict[str, Any]:
    """Encrypt ``plaintext`` so that any one of ``recipients`` can open it."""
    content_key = ChaCha20Poly1305.generate_key()
    nonce = os.urandom(12)
    ciphertext = ChaCha20Poly1305(content_key).encrypt(nonce, plaintext, aad)
    wrapped = []
    for r in recipients:
        ephemeral = X25519PrivateKey.generate()
        eph_pub = ephemeral.public_key().public_bytes_raw()
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(r.box_public))
        wrap_nonce = os.urandom(12)
        wrapped_key = ChaCha20Poly1305(_wrap_key(shared, eph_pub, r.box_public)).encrypt(
            wrap_nonce, content_key, aad)
        wrapped.append({"node_id": r.node_id, "ephemeral_key": b64(eph_pub), "nonce": b64(wrap_nonce),
                        "wrapped_key": b64(wrapped_key)})
    return {"algorithm": SEAL_ALGORITHM, "nonce": b64(nonce), "recipients": wrapped,
            "ciphertext": b64(ciphertext)}


class SealError(Exception):
    """The sealed body is not for this node, or it was altered."""


def open_sealed(sealed: dict[str, Any], keys: NodeKeys, aad: bytes) -> bytes:
    if sealed.get("algorithm") != SEAL_ALGORITHM:
        raise SealError("unknown algorithm")
    mine = keys.box.public_key().public_bytes_raw()
    for r in sealed["recipients"]:
        if r["node_id"] != keys.node_id:
            continue
        try:
            eph_pub = unb64(r["ephemeral_key"])
            shared = keys.box.exchange(X25519PublicKey.from_public_bytes(eph_pub))
            content_key = ChaCha20Poly1305(_wrap_key(shared, eph_pub, mine)).decrypt(
                unb64(r["nonce"]), unb64(r["wrapped_key"]), aad)
            return ChaCha20Poly1305(content_key).decrypt(unb64(sealed["nonce"]), unb64(sealed["ciphertext"]),
                                                         aad)
        except (InvalidTag, ValueError) as exc:
            raise SealError("altered") from exc
    raise SealError("not a recipient")
