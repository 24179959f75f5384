"""What this interpreter trains on: torch version, the BLAS actually loaded, thread counts.

Debian's torch reports BLAS_INFO=generic whatever libblas.so.3 the alternatives system points at,
so the build config cannot tell OpenBLAS from the ~4x slower reference BLAS; ask the loaded
libraries instead (threadpoolctl when present, else the process's memory map).
"""
import os
import platform

import torch


def _blas_from_threadpoolctl():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    for lib in threadpool_info():
        if lib.get('user_api') == 'blas':
            name = lib.get('internal_api', 'blas')
            version = lib.get('version')
            layer = lib.get('threading_layer')
            text = name + (f' {version}' if version else '')
            return text + (f' ({layer})' if layer else '')
    return None


def _blas_from_maps():
    try:
        with open('/proc/self/maps', encoding='utf-8') as maps:
            paths = {line.split()[-1] for line in maps if 'blas' in line}
    except OSError:
        return None
    for path in sorted(paths):
        if 'openblas' in path:
            return 'openblas'
        if 'mkl' in path:
            return 'mkl'
    for path in sorted(paths):
        if 'libblas' in path:
            return 'reference BLAS (slow: install libopenblas0-pthread)'
    return None


def runtime_info():
    # A small matmul makes torch load its BLAS before we look for it.
    torch.ones(8, 8) @ torch.ones(8, 8)
    blas = _blas_from_threadpoolctl() or _blas_from_maps() or 'unknown'
    return {
        'torch': torch.__version__,
        'python': platform.python_version(),
        'blas': blas,
        'threads': torch.get_num_threads(),
        'omp_num_threads': os.environ.get('OMP_NUM_THREADS', ''),
    }
