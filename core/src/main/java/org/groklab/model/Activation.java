package org.groklab.model;

import java.util.Locale;

/** Elementwise activation functions with their derivatives. */
public enum Activation {
    @com.fasterxml.jackson.annotation.JsonProperty("quadratic") QUADRATIC {
        @Override
        public float apply(float x) {
            return x * x;
        }

        @Override
        public float derivative(float x) {
            return 2 * x;
        }
    },
    @com.fasterxml.jackson.annotation.JsonProperty("relu") RELU {
        @Override
        public float apply(float x) {
            return x > 0 ? x : 0f;
        }

        @Override
        public float derivative(float x) {
            return x > 0 ? 1f : 0f;
        }
    },
    @com.fasterxml.jackson.annotation.JsonProperty("sin") SIN {
        @Override
        public float apply(float x) {
            return (float) StrictMath.sin(x);
        }

        @Override
        public float derivative(float x) {
            return (float) StrictMath.cos(x);
        }
    },
    @com.fasterxml.jackson.annotation.JsonProperty("tanh") TANH {
        @Override
        public float apply(float x) {
            return (float) StrictMath.tanh(x);
        }

        @Override
        public float derivative(float x) {
            double t = StrictMath.tanh(x);
            return (float) (1 - t * t);
        }
    },
    @com.fasterxml.jackson.annotation.JsonProperty("identity") IDENTITY {
        @Override
        public float apply(float x) {
            return x;
        }

        @Override
        public float derivative(float x) {
            return 1f;
        }
    };

    public abstract float apply(float x);

    public abstract float derivative(float x);

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
