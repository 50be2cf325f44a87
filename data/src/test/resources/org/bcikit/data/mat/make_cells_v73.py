"""Writes cells-v73.mat: a small file in MATLAB's v7.3 layout with cell arrays and a struct array.

MATLAB is not available to the tests, and jHDF 0.13 cannot write HDF5 object references, so this
fixture was made once with h5py (python3 make_cells_v73.py) following MATLAB's layout: a 512-byte
MATLAB header in the HDF5 user block, MATLAB_class attributes, dims reversed, cells as datasets of
object references into '#refs#', struct arrays as groups of reference datasets. MATLAB equivalent:

    counts = {[1 2; 3 4; 5 6], uint8([7 8])};  binWidth = 0.02;
    unitIds = {'a1', 'b22'};  s = struct('v', {5, [1 2 3]});  flags = logical([1 0 1]);
    save('cells-v73.mat', 'counts', 'binWidth', 'unitIds', 's', 'flags', '-v7.3')
"""
import h5py
import numpy as np

NAME = 'cells-v73.mat'


def mclass(obj, name):
    obj.attrs.create('MATLAB_class', np.bytes_(name))


def matrix(group, name, rows, dtype='float64', cls='double'):
    ds = group.create_dataset(name, data=np.asarray(rows, dtype=dtype).T)  # MATLAB dims reversed
    mclass(ds, cls)
    return ds


def chars(group, name, text):
    ds = group.create_dataset(name, data=np.array([[ord(c)] for c in text], dtype='uint16'))
    mclass(ds, 'char')
    ds.attrs.create('MATLAB_int_decode', np.int32(2))
    return ds


with h5py.File(NAME, 'w', userblock_size=512, libver='earliest') as f:
    refs = f.create_group('#refs#')
    a = matrix(refs, 'a', [[1, 2], [3, 4], [5, 6]])
    b = matrix(refs, 'b', [[7, 8]], 'uint8', 'uint8')
    c = chars(refs, 'c', 'a1')
    d = chars(refs, 'd', 'b22')
    e = matrix(refs, 'e', [[5]])
    g = matrix(refs, 'f', [[1, 2, 3]])

    counts = f.create_dataset('counts', data=np.array([[a.ref], [b.ref]], dtype=h5py.ref_dtype))
    mclass(counts, 'cell')
    matrix(f, 'binWidth', [[0.02]])
    ids = f.create_dataset('unitIds', data=np.array([[c.ref], [d.ref]], dtype=h5py.ref_dtype))
    mclass(ids, 'cell')
    s = f.create_group('s')
    mclass(s, 'struct')
    s.create_dataset('v', data=np.array([[e.ref], [g.ref]], dtype=h5py.ref_dtype))
    flags = f.create_dataset('flags', data=np.array([[1], [0], [1]], dtype='uint8'))
    mclass(flags, 'logical')
    flags.attrs.create('MATLAB_int_decode', np.int32(1))

header = b'MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Nov 23 00:00:00 2026 HDF5 schema 1.00 .'
block = header.ljust(116, b' ') + b'\0' * 8 + b'\x00\x02' + b'IM'
with open(NAME, 'r+b') as out:
    out.write(block.ljust(512, b'\0'))
