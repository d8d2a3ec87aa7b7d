/* test-world stand-in for a tracker script */
