"""The lab: a scenario played through our lanes and through a catch-all, on the emulator."""
