-- Serializes imports: a second import waits for the first to commit, then replaces its data.
-- EXCLUSIVE still lets readers SELECT the previous patch until the commit.
LOCK TABLE game.patches IN EXCLUSIVE MODE
