"""JSON lines over stdio: one header line per request, then its float32 arrays as one binary frame.

The protocol's stdout is a private duplicate of fd 1; fd 1 itself is pointed at stderr so stray
prints (ours, torch's, C libraries') can never corrupt the message stream.
"""
import json
import math
import os
import sys

_out = None


def claim_stdout():
    global _out
    _out = os.fdopen(os.dup(1), 'w', buffering=1, encoding='utf-8')
    os.dup2(2, 1)
    sys.stdout = sys.stderr


def _clean(value):
    # JSON has no NaN/inf; they only appear in failed runs, which report them in words instead.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def emit(message):
    try:
        # Nearly every message is finite: walking it for NaN/inf (_clean) would cost more than the dump.
        line = json.dumps(message, separators=(',', ':'), allow_nan=False)
    except ValueError:
        line = json.dumps(_clean(message), separators=(',', ':'))
    _out.write(line + '\n')
    _out.flush()


def float32_base64(array):
    """Little-endian float32 bytes in base64, for arrays sent back inside a JSON line.

    Bit-exact like the request frames, yet keeps stdout one JSON object per line; only opt-in,
    test-sized arrays (a train request's `return_test_outputs`) travel this way.
    """
    import base64

    import numpy as np

    return base64.b64encode(np.ascontiguousarray(array, dtype='<f4').tobytes()).decode('ascii')


def _read_exact(stream, n):
    chunks = []
    while n > 0:
        chunk = stream.read(n)
        if not chunk:
            raise EOFError('stdin closed in the middle of a binary frame')
        chunks.append(chunk)
        n -= len(chunk)
    return b''.join(chunks)


def read_request(stream):
    """Returns (header, arrays) or None at end of input. arrays maps name -> float32 ndarray of its shape."""
    line = stream.readline()
    while line and not line.strip():
        line = stream.readline()
    if not line:
        return None
    import numpy as np  # imported here so a python without numpy still reports itself cleanly

    header = json.loads(line)
    frame = _read_exact(stream, int(header.get('nbytes', 0)))
    arrays = {}
    offset = 0
    for name, shape in header.get('arrays', []):
        count = int(np.prod(shape)) if shape else 0
        arrays[name] = np.frombuffer(frame, dtype='<f4', count=count, offset=offset).reshape(shape)
        offset += count * 4
    return header, arrays


def read_ack(stream, seq):
    """The engine's `ack` line for epochDone number `seq`, read in the middle of a request."""
    line = stream.readline()
    if not line:
        raise SystemExit(0)  # the engine closed stdin: it is stopping this process
    ack = json.loads(line)
    if ack.get('type') != 'ack' or ack.get('seq') != seq:
        raise ValueError(f'expected the ack of epoch message {seq}, got {line[:200]!r}')
    return ack


def serve(handle):
    """Answers requests until stdin closes: handle(header, arrays) for each; a malformed header is
    answered as BAD_REQUEST and the warm process goes on. Returns the exit code (0)."""
    stdin = sys.stdin.buffer
    while True:
        try:
            request = read_request(stdin)
        except EOFError:
            return 0
        except Exception as err:  # noqa: BLE001 — a malformed header must not kill the warm process
            emit({'type': 'error', 'code': 'BAD_REQUEST', 'message': f'Malformed request: {err}'})
            continue
        if request is None:
            return 0
        handle(*request)
