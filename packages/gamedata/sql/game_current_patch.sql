SELECT version FROM game.patches WHERE is_current
