"""Package data: lexicons, gazetteers and the script that derives them."""
