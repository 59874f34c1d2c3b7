package dev.wslab.client;
