//! Integration tests: the real binary on articles written for the project.
