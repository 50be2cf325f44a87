package org.bcikit.decoders.task;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;

/**
 * Test subject: q Poisson units driven by a low-dimensional latent state — two latents carry the
 * intended velocity (scaled by {@code speedScale}), the others are shared noise — so the counts
 * have an intrinsic manifold of dimension {@code latents}.
 */
final class TestPopulation implements VelocityTunedPopulation {

    final int q;
    final int latents;
    final DMatrixRMaj loadings;
    final double[] base;
    final double speedScale;
    final double noiseScale;
    private final double[] z;

    TestPopulation(int q, int latents, double speedScale, long seed) {
        this.q = q;
        this.latents = latents;
        this.speedScale = speedScale;
        this.noiseScale = 1.0;
        SplittableRandom r = new SplittableRandom(seed);
        loadings = new DMatrixRMaj(q, latents);
        base = new double[q];
        for (int i = 0; i < q; i++) {
            base[i] = 2 + 2 * r.nextDouble();
            double angle = 2 * Math.PI * r.nextDouble();
            double depth = 1 + r.nextDouble();
            loadings.set(i, 0, depth * Math.cos(angle));
            loadings.set(i, 1, depth * Math.sin(angle));
            for (int j = 2; j < latents; j++) {
                loadings.set(i, j, 0.4 * gaussian(r));
            }
        }
        z = new double[latents];
    }

    @Override
    public int units() {
        return q;
    }

    @Override
    public void counts(double vx, double vy, SplittableRandom random, double[] counts) {
        z[0] = vx / speedScale;
        z[1] = vy / speedScale;
        for (int j = 2; j < latents; j++) {
            z[j] = noiseScale * gaussian(random);
        }
        for (int i = 0; i < q; i++) {
            double rate = base[i];
            for (int j = 0; j < latents; j++) {
                rate += loadings.get(i, j) * z[j];
            }
            counts[i] = poisson(Math.max(0.05, rate), random);
        }
    }

    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Knuth's multiplication method; fine for the small rates used here. */
    static int poisson(double lambda, SplittableRandom r) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }
}
