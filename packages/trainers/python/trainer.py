"""Trainyard's PyTorch trainer: a warm process that serves one request at a time over stdio.

Protocol (see protocol.py): a request header line {"id","kind":"train"|"train_group"|"distill",...,"arrays",
"nbytes"} followed by its float32 frame; out: one `ready` line at start, then per request `epoch`
lines and one `result` or `error`. `python3 trainer.py --probe` prints the runtime info and exits.
Errors are data: the process survives a failed run and waits for the next request. Error codes are
those of WorkerErrorCode (src/workers/engineWorker.ts): TRAINING_FAILED, BAD_REQUEST, and
ENGINE_UNAVAILABLE before `ready`.
"""
import os
import signal
import sys
import traceback

import protocol


def _configure_torch():
    import torch
    threads = int(os.environ.get('TRAINYARD_TORCH_THREADS', '0') or 0)
    if threads > 0:
        torch.set_num_threads(threads)
        torch.set_num_interop_threads(1)
    # Same request → same metrics; CPU kernels all have deterministic variants.
    torch.use_deterministic_algorithms(True)


def _is_oom(err):
    text = str(err).lower()
    return isinstance(err, MemoryError) or "can't allocate memory" in text or 'out of memory' in text


def _ask_stop(_signum, _frame):
    from fused import StopFlag
    StopFlag.asked = True


def _handle(header, arrays):
    import jobs
    from fit import TrainingFailed
    from fused import StopFlag
    request_id = header.get('id')
    # A stop asked for the previous request (after it ended) must not reach this one.
    StopFlag.asked = False

    def on_epoch(event):
        protocol.emit({'type': 'epoch', 'id': request_id, **event})

    acks = 0

    def epoch_done():
        """After an epoch's events: waits for the engine's ack (it has handled them) and returns the
        member indexes it prunes there. Only for requests that ask (`ack_epochs`: they can be pruned)."""
        nonlocal acks
        acks += 1
        protocol.emit({'type': 'epochDone', 'id': request_id, 'seq': acks})
        ack = protocol.read_ack(sys.stdin.buffer, acks)
        return set(ack.get('prune', []))

    try:
        kind = header.get('kind')
        if kind == 'train':
            result = jobs.train(header, arrays, on_epoch, epoch_done if header.get('ack_epochs') else None)
        elif kind == 'train_group':
            result = jobs.train_members(header, arrays, on_epoch,
                                        epoch_done if header.get('ack_epochs') else None)
        elif kind == 'distill':
            result = jobs.distill(header, arrays, on_epoch)
        else:
            protocol.emit({'type': 'error', 'id': request_id, 'code': 'BAD_REQUEST',
                           'message': f'Unknown request kind: {kind!r}'})
            return
        protocol.emit({'type': 'result', 'id': request_id, 'result': result})
    except TrainingFailed as err:
        protocol.emit({'type': 'error', 'id': request_id, 'code': 'TRAINING_FAILED', 'message': str(err)})
    except Exception as err:  # noqa: BLE001 — every failure becomes data, the detail goes to the log
        message = ('Out of memory while training; try a smaller batch size, model or dataset'
                   if _is_oom(err) else 'PyTorch training failed unexpectedly')
        protocol.emit({'type': 'error', 'id': request_id, 'code': 'TRAINING_FAILED', 'message': message,
                       'detail': traceback.format_exc()[-4000:]})


def main():
    # A Ctrl-C in the terminal reaches the whole process group; the Node parent decides what it means
    # (cancel, detach) and stops this process itself with SIGTERM/SIGKILL or by closing stdin.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGUSR1: stop the run in flight after its current epoch and answer with it (pruning).
    signal.signal(signal.SIGUSR1, _ask_stop)
    protocol.claim_stdout()
    try:
        _configure_torch()
        from runtime_info import runtime_info
        info = runtime_info()
    except Exception as err:  # noqa: BLE001
        protocol.emit({'type': 'error', 'code': 'ENGINE_UNAVAILABLE', 'message': str(err),
                       'detail': traceback.format_exc()[-4000:]})
        return 3
    protocol.emit({'type': 'ready', 'info': info})
    if '--probe' in sys.argv:
        return 0
    return protocol.serve(_handle)


if __name__ == '__main__':
    sys.exit(main())
