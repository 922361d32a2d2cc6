"""Repost dedup across a corpus, in three stages (datatrove-style):

signature (workers: nlp.dedup.signature) -> cluster (nlp.dedup.cluster) -> mark (nlp.dedup.mark).
"""
from nlp.dedup.cluster import DedupCluster, Duplicate, SignatureTable
from nlp.dedup.mark import DedupMark, dedupe_records, dedupe_store, order_key
from nlp.dedup.signature import DedupSignature, Signature, containment, shingle_hashes, signature_of

__all__ = [
    "DedupCluster", "DedupMark", "DedupSignature", "Duplicate", "Signature", "SignatureTable",
    "containment", "dedupe_records", "dedupe_store", "order_key", "shingle_hashes", "signature_of",
]
