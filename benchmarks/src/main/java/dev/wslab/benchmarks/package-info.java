package dev.wslab.benchmarks;
