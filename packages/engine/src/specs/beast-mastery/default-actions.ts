// Beast Mastery's default priority list, used for a profile without action lines (a real addon
// export has none), as SimulationCraft uses the spec's own. The default profile carries the same
// lines (a test keeps the two equal). Black Arrow takes Kill Shot's place for a Dark Ranger and is
// never usable otherwise; Wild Thrash keeps Beast Cleave up when there are several targets.
export const BM_DEFAULT_ACTIONS = `
actions.precombat=summon_pet
actions.precombat+=/snapshot_stats
actions=auto_shot
actions+=/call_action_list,name=cleave,if=active_enemies>1
actions+=/call_action_list,name=st
actions.st=barbed_shot,if=pet.main.buff.frenzy.up&pet.main.buff.frenzy.remains<=gcd+0.25|cooldown.barbed_shot.charges_fractional>=1.8
actions.st+=/bestial_wrath
actions.st+=/kill_command,if=cooldown.kill_command.charges_fractional>=1|focus>=50
actions.st+=/barbed_shot,if=cooldown.bestial_wrath.remains>12|pet.main.buff.frenzy.stack<3
actions.st+=/black_arrow
actions.st+=/kill_shot
actions.st+=/cobra_shot,if=focus.time_to_max<gcd*2|cooldown.kill_command.remains>gcd|buff.bestial_wrath.up
actions.cleave=barbed_shot,if=pet.main.buff.frenzy.up&pet.main.buff.frenzy.remains<=gcd+0.25|cooldown.barbed_shot.charges_fractional>=1.8
actions.cleave+=/wild_thrash,if=pet.main.buff.beast_cleave.remains<0.5*gcd
actions.cleave+=/bestial_wrath
actions.cleave+=/kill_command
actions.cleave+=/barbed_shot
actions.cleave+=/black_arrow
actions.cleave+=/kill_shot
actions.cleave+=/cobra_shot,if=focus.time_to_max<gcd*2
`;
