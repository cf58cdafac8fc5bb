"""Writes vectors.tsv: password hashes made by other applications' own libraries, for LegacyHashTest.

timing.tsv (python3 make-vectors.py timing > timing.tsv): the libraries' default costs, and Keycloak 26.7.3's own
argon2 default (argon2id, m=7168 KiB, t=5, p=1, 32 bytes), for LegacyHashTimingTest.

Run once with passlib 1.7.4, Django 5.2, argon2-cffi 25.1 (the reference C implementation), bcrypt 5.0 (pyca) and
Werkzeug 3.1 installed: python3 make-vectors.py > vectors.tsv. Low costs keep the unit test fast; the formats are
those the libraries write by default. Columns: producer, password, hash.
"""
import hashlib
import sys

import argon2
import bcrypt
from argon2.low_level import Type, hash_secret
from django.conf import settings
from passlib.hash import pbkdf2_sha256, pbkdf2_sha512
from werkzeug.security import generate_password_hash

settings.configure(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"])
from django.contrib.auth.hashers import PBKDF2PasswordHasher  # noqa: E402

PASSWORDS = ["correct horse battery staple", "Pässwörd-ünïcødé-€", "a"]


class Sha512Hasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha512"
    digest = hashlib.sha512


def rows():
    for password in PASSWORDS:
        raw = password.encode()
        yield "pyca-bcrypt-2b", password, bcrypt.hashpw(raw, bcrypt.gensalt(rounds=5)).decode()
        yield "pyca-bcrypt-2a", password, bcrypt.hashpw(raw, bcrypt.gensalt(rounds=5, prefix=b"2a")).decode()
        yield "passlib-pbkdf2-sha256", password, pbkdf2_sha256.using(rounds=1000).hash(password)
        yield "passlib-pbkdf2-sha512", password, pbkdf2_sha512.using(rounds=1000).hash(password)
        yield "django-pbkdf2-sha256", password, PBKDF2PasswordHasher().encode(password, "s4ltS4lt9Xq2", 1000)
        yield "django-style-pbkdf2-sha512", password, Sha512Hasher().encode(password, "s4ltS4lt9Xq2", 1000)
        yield "werkzeug-pbkdf2-sha256", password, generate_password_hash(password, "pbkdf2:sha256:1000")
        yield "werkzeug-pbkdf2-sha512", password, generate_password_hash(password, "pbkdf2:sha512:1000")
        yield "argon2-cffi-argon2id", password, argon2.PasswordHasher(time_cost=1, memory_cost=1024,
                                                                     parallelism=2).hash(password)
        salt = b"reference-salt-16"
        for kind in (Type.I, Type.D, Type.ID):
            yield "argon2-reference-" + kind.name.lower(), password, hash_secret(
                raw, salt, time_cost=2, memory_cost=256, parallelism=1, hash_len=32, type=kind).decode()
        yield "argon2-reference-id-v16", password, hash_secret(
            raw, salt, time_cost=2, memory_cost=256, parallelism=1, hash_len=32, type=Type.ID, version=16).decode()
    # bcrypt of a password longer than 72 bytes: OpenBSD-style implementations use the first 72 bytes
    long_password = "x" * 80
    yield "pyca-bcrypt-2b-first-72-bytes", long_password, bcrypt.hashpw(long_password.encode()[:72],
                                                                       bcrypt.gensalt(rounds=4)).decode()


def timing_rows():
    password = "correct horse battery staple"
    yield "keycloak-default-argon2id", password, argon2.PasswordHasher(
        time_cost=5, memory_cost=7168, parallelism=1, hash_len=32, salt_len=16).hash(password)
    yield "pyca-bcrypt-cost-10", password, bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=10)).decode()
    yield "pyca-bcrypt-cost-12", password, bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12)).decode()
    yield "passlib-pbkdf2-sha256-default", password, pbkdf2_sha256.hash(password)
    yield "passlib-pbkdf2-sha512-default", password, pbkdf2_sha512.hash(password)
    yield "django-pbkdf2-sha256-default", password, PBKDF2PasswordHasher().encode(password, "s4ltS4lt9Xq2")
    yield "werkzeug-pbkdf2-sha256-default", password, generate_password_hash(password, "pbkdf2:sha256")
    yield "argon2-cffi-argon2id-default", password, argon2.PasswordHasher().hash(password)


for producer, password, encoded in (timing_rows() if sys.argv[1:] == ["timing"] else rows()):
    print(f"{producer}\t{password}\t{encoded}")

