"""Writes the .npy fixtures NpyNumpyFixtureTest reads, with NumPy itself (not bcikit's writer).

Run from this folder:  python3 make_numpy_fixtures.py   (made with NumPy 2.4.6)
Each array's values follow a closed form the test recomputes: a[i, j] = 10 i + j - 2.5 etc.
"""
import numpy as np

i, j = np.meshgrid(np.arange(3), np.arange(4), indexing="ij")
# float64, C order, little-endian: the common case
np.save("float64_c.npy", (10.0 * i + j - 2.5).astype("<f8"))
# float32, Fortran order: the reader must transpose the column-major data
np.save("float32_fortran.npy", np.asfortranarray((0.5 * i - j).astype("<f4")))
# big-endian int16 with a negative value
np.save("int16_big.npy", (100 * i - 7 * j).astype(">i2"))
# uint8 counts, one dimension
np.save("uint8_vector.npy", np.array([0, 1, 2, 255], dtype="|u1"))
