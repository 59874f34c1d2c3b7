package dev.wslab.server;
