# SPDX-License-Identifier: GPL-3.0-or-later
"""The test world's plain TCP listeners (see listeners.tsv).

Usage: python3 listeners.py LISTENERS.TSV CERT_DIR READY_FILE

Binds every listener first, then creates READY_FILE, then serves until
killed (the world's pid namespace ends it).  Standard library only; the TLS
terminator talks to libgnutls through ctypes because the system OpenSSL
offers no 3DES suites.
"""

import codecs
import ctypes
import os
import select
import socket
import sys
import threading


def log(*args):
    print("listeners:", *args, file=sys.stderr, flush=True)


def drain(conn):
    """Read until the client closes; never write."""
    try:
        while conn.recv(4096):
            pass
    except OSError:
        pass
    finally:
        conn.close()


def serve_banner(conn, banner):
    try:
        conn.sendall(banner)
    except OSError:
        conn.close()
        return
    drain(conn)


# --- GnuTLS through ctypes --------------------------------------------------

GNUTLS_SERVER = 1
GNUTLS_CRD_CERTIFICATE = 1
GNUTLS_X509_FMT_PEM = 1
GNUTLS_SHUT_WR = 1
GNUTLS_E_AGAIN = -28
GNUTLS_E_INTERRUPTED = -52


class GnuTLS:
    def __init__(self):
        lib = ctypes.CDLL("libgnutls.so.30")
        vp, cp, ci = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        pvp = ctypes.POINTER(ctypes.c_void_p)
        for name, res, args in [
            ("gnutls_global_init", ci, []),
            ("gnutls_certificate_allocate_credentials", ci, [pvp]),
            ("gnutls_certificate_set_x509_key_file", ci, [vp, cp, cp, ci]),
            ("gnutls_init", ci, [pvp, ctypes.c_uint]),
            ("gnutls_priority_set_direct", ci, [vp, cp, ctypes.POINTER(cp)]),
            ("gnutls_credentials_set", ci, [vp, ci, vp]),
            ("gnutls_transport_set_int2", None, [vp, ci, ci]),
            ("gnutls_handshake_set_timeout", None, [vp, ctypes.c_uint]),
            ("gnutls_handshake", ci, [vp]),
            ("gnutls_error_is_fatal", ci, [ci]),
            ("gnutls_strerror", cp, [ci]),
            ("gnutls_record_recv", ctypes.c_ssize_t, [vp, vp, ctypes.c_size_t]),
            ("gnutls_record_send", ctypes.c_ssize_t, [vp, cp, ctypes.c_size_t]),
            ("gnutls_record_check_pending", ctypes.c_size_t, [vp]),
            ("gnutls_bye", ci, [vp, ci]),
            ("gnutls_deinit", None, [vp]),
        ]:
            fn = getattr(lib, name)
            fn.restype, fn.argtypes = res, args
            setattr(self, name[len("gnutls_"):], fn)
        self.check(self.global_init(), "global_init")

    def check(self, ret, what):
        if ret < 0:
            raise RuntimeError("gnutls %s: %s" % (what, self.strerror(ret).decode()))
        return ret

    def credentials(self, cert, key):
        cred = ctypes.c_void_p()
        self.check(self.certificate_allocate_credentials(ctypes.byref(cred)), "credentials")
        self.check(self.certificate_set_x509_key_file(cred, cert.encode(), key.encode(),
                                                      GNUTLS_X509_FMT_PEM), "key file " + cert)
        return cred


def serve_tls(tls, conn, cred, priority, backend):
    session = ctypes.c_void_p()
    fd = conn.fileno()
    try:
        tls.check(tls.init(ctypes.byref(session), GNUTLS_SERVER), "init")
        tls.check(tls.priority_set_direct(session, priority, None), "priority")
        tls.check(tls.credentials_set(session, GNUTLS_CRD_CERTIFICATE, cred), "credentials_set")
        tls.transport_set_int2(session, fd, fd)
        tls.handshake_set_timeout(session, 10000)
        while True:
            ret = tls.handshake(session)
            if ret >= 0:
                break
            if tls.error_is_fatal(ret):
                return  # scanners probing for protocols end handshakes all the time
        host, port = backend.rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=10) as back:
            back.settimeout(None)
            relay(tls, session, conn, back)
        tls.bye(session, GNUTLS_SHUT_WR)
    except OSError:
        pass
    except RuntimeError as e:
        log(e)
    finally:
        if session:
            tls.deinit(session)
        conn.close()


def relay(tls, session, conn, back):
    buf = ctypes.create_string_buffer(16384)
    while True:
        if not tls.record_check_pending(session):
            readable, _, _ = select.select([conn, back], [], [], 60)
            if not readable:
                return
        else:
            readable = [conn]
        if conn in readable:
            n = tls.record_recv(session, buf, len(buf))
            if n in (GNUTLS_E_AGAIN, GNUTLS_E_INTERRUPTED):
                continue
            if n <= 0:
                return
            back.sendall(buf.raw[:n])
        if back in readable:
            data = back.recv(16384)
            if not data:
                return
            while data:
                n = tls.record_send(session, data, len(data))
                if n in (GNUTLS_E_AGAIN, GNUTLS_E_INTERRUPTED):
                    continue
                if n < 0:
                    return
                data = data[n:]


# --- main -------------------------------------------------------------------

def accept_loop(sock, handler, args):
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=handler, args=(conn,) + args, daemon=True).start()


def main():
    spec, cert_dir, ready = sys.argv[1:4]
    tls = None
    loops = []
    with open(spec, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            address, port, kind = fields[0], int(fields[1]), fields[2]
            arg = fields[3] if len(fields) > 3 else ""
            if kind == "banner":
                banner = codecs.decode(arg, "unicode_escape").encode("latin-1")
                handler, args = serve_banner, (banner,)
            elif kind == "silent":
                handler, args = drain, ()
            elif kind == "tls":
                cert, backend, priority = arg.split(" ")
                tls = tls or GnuTLS()
                cred = tls.credentials(os.path.join(cert_dir, cert + ".pem"),
                                       os.path.join(cert_dir, cert + ".key"))
                handler, args = (lambda c, *a: serve_tls(tls, c, *a)), (cred, priority.encode(), backend)
            else:
                raise SystemExit("listeners: unknown kind %r in %s" % (kind, spec))
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((address, port))
            sock.listen(64)
            loops.append((sock, handler, args))
    for sock, handler, args in loops:
        threading.Thread(target=accept_loop, args=(sock, handler, args), daemon=True).start()
    open(ready, "w").close()
    threading.Event().wait()


if __name__ == "__main__":
    main()
