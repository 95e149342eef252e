"""Fan theories about the half-zombies, Nam-ra, Gwi-nam and where season 2 goes."""

THEORIES = [
    {
        "title": "Nam-ra isn't the last half-zombie, she's the first of a new generation",
        "tags": ["choi-nam-ra", "half-zombies", "season-2-setting"],
        "chapters": [104],
        "reception": "hit",
        "author": "namra_stan",
        "body": """
            Everyone keeps treating Nam-ra like a tragic one-off. I think the finale tells us the opposite.

            Look at what the last episode actually shows us:

            1. Nam-ra has survived **months** on her own without turning fully.
            2. She can move around the ruins of Hyosan without the military catching her.
            3. She is *not alone* on that rooftop. The other half-zombie she meets already knows exactly
               what she is.

            If half-zombies were a rare fluke, you'd expect them to be dead, captured or feral by now.
            Instead they are organizing. That's not an epilogue, that's a setup.

            My guess for season 2: the story is split between the human survivors in the quarantine
            system and a small community of half-zombies hiding in the dead city. Nam-ra is the bridge
            between the two, because she is the only one who still has people on the other side who
            love her.

            > She chose to leave so she wouldn't hurt them. The next choice is going to be whether she
            > comes back to save them.

            I'd bet money on it.
        """,
        "thread": [
            {
                "body": "The rooftop scene gave me chills for exactly this reason. She isn't hiding, she's *scouting*.",
                "replies": [
                    {
                        "body": "Scouting is a great word for it. She's standing where she can see the whole city.",
                        "by": "op",
                    },
                ],
            },
            {
                "body": (
                    "Counterpoint: 'organizing' is doing a lot of work here. We see exactly one other "
                    "half-zombie for about a minute."
                ),
                "replies": [
                    {
                        "body": "One that survived months out there and recognized her instantly. Enough for me.",
                        "replies": [
                            {"body": "Fair. I still want more than one minute of evidence though.", "by": "asker"},
                        ],
                    },
                ],
            },
            {"body": "The quote at the end of this post. I'm not okay."},
        ],
    },
    {
        "title": "The half-zombie on the rooftop is going to lead the others in season 2",
        "tags": ["half-zombies", "season-2-setting"],
        "body": """
            Nobody talks about the *other* half-zombie in the finale. They're confident, they move like
            they've been doing this for months, and they clearly already know what Nam-ra is.

            Nam-ra is the emotional lead. This one is the political lead. Two half-zombies who disagree
            about how to deal with humans is basically a whole season.
        """,
    },
    {
        "title": "Nam-ra's blood is the cure, and that's the whole point of season 2",
        "tags": ["choi-nam-ra", "cure-and-vaccine", "half-zombies"],
        "reception": "hit",
        "author": "cure_in_her_blood",
        "body": """
            She got infected and *didn't turn*. Her body fought the Jonas virus to a draw.
            In every outbreak story ever, that person is where the vaccine comes from.

            The military spent the last episode hunting for people like her. They're not doing that to
            count them. They want her blood. Season 2 is a chase: the army wants Nam-ra in a lab,
            her friends want her free, and she has to decide if saving everyone is worth becoming
            a test subject.
        """,
    },
    {
        "title": "Counterpoint: Nam-ra's blood can't be a cure, and the show already told us why",
        "tags": ["choi-nam-ra", "cure-and-vaccine"],
        "reception": "divisive",
        "author": "plot_hole_patrol",
        "body": """
            I see the "Nam-ra is the cure" theory every day, so let me be the annoying one.

            A half-zombie isn't someone who *beat* the virus. Nam-ra still has it. She is hungry, she
            has the hearing and the strength, she fights the urge to bite every single day. That's
            not immunity, that's a **stable infection**.

            If you made a vaccine out of her you would most likely get more half-zombies, which:

            - the military might actually want (soldiers who don't die easily), and
            - would be the *opposite* of a cure.

            So yes, her blood matters for season 2. But as a weapon, not a medicine.
        """,
        "thread": [
            {
                "body": "Stable infection is the most useful phrase anyone has posted here this week.",
            },
            {
                "body": (
                    "Real vaccines are made from weakened virus though. A stable, weaker version of the infection "
                    "is literally how that works."
                ),
                "replies": [
                    {
                        "body": (
                            "Weakened virus that doesn't leave you craving human flesh forever, ideally. "
                            "That part matters."
                        ),
                        "by": "op",
                        "replies": [{"body": "okay this made me laugh out loud"}],
                    },
                ],
            },
            {"body": "Weapon, not medicine. That's darker and also probably right."},
        ],
    },
    {
        "title": "Do half-zombies age? Nobody is talking about this",
        "tags": ["half-zombies"],
        "author": "fan",
        "body": """
            Gwi-nam healed from injuries that should have killed him. If the virus repairs the body that
            well, does it also stop it from getting older? Nam-ra at 30 looking exactly like Nam-ra at 18
            would be a very creepy season 3.
        """,
    },
    {
        "title": "Gwi-nam didn't become a half-zombie by luck: rage decides who turns halfway",
        "tags": ["yoon-gwi-nam", "half-zombies", "jonas-virus-origin"],
        "chapters": [64, 71],
        "reception": "hit",
        "author": "zombie_scholar",
        "body": """
            Byeong-chan built the Jonas virus around one idea: his son was afraid, and fear should be
            turned into the will to fight back. The virus takes fear and turns it into aggression.

            Now look at the two half-zombies we know best.

            **Gwi-nam** is aggression all the way down. He was already violent before the bite; the
            virus had nothing to convert, it just amplified what was there. He kept his mind because his
            mind was already the thing the virus wanted to create.

            **Nam-ra** is the opposite. She's the most controlled person in the school. She doesn't
            panic, she doesn't lash out. There's almost no fear for the virus to grab onto, so it
            stalls halfway.

            So my theory: you become a half-zombie when the virus can't finish its job. Either there is
            nothing to change (Gwi-nam) or nothing to work with (Nam-ra). Everyone in between — the
            scared, normal kids — turns completely within minutes.

            That also explains why half-zombies are so rare, and it means season 2's new half-zombies
            will be either very calm people or very dangerous ones. Possibly both.
        """,
        "thread": [
            {
                "body": "This is the best explanation of the Nam-ra/Gwi-nam contrast I've read. Saving it.",
            },
            {
                "body": "Where does that leave the rooftop half-zombie though? Calm or dangerous?",
                "replies": [
                    {"body": "The way they were fighting? I vote dangerous.", "by": "op"},
                    {"body": "Why not both. Calm AND dangerous is the scariest combination."},
                ],
            },
            {
                "body": (
                    "Small nitpick: we don't actually know the virus was designed around fear in that much "
                    "detail. Byeong-chan's explanation is pretty emotional, not scientific."
                ),
                "replies": [
                    {
                        "body": (
                            "True, I'm reading between the lines of his recordings. But the show keeps "
                            "connecting fear and the bite, so I think it's intentional."
                        ),
                        "by": "op",
                    },
                ],
            },
        ],
    },
    {
        "title": "Why did Nam-ra and Gwi-nam turn out so differently?",
        "tags": ["choi-nam-ra", "yoon-gwi-nam", "half-zombies"],
        "chapters": [64, 88],
        "body": """
            Same infection, same school, same few days. One of them spends it protecting people, the
            other spends it hunting them. I don't buy that it's *only* personality. Did anyone notice
            whether they were bitten differently? Gwi-nam got a lot more of the virus in him, from what
            I remember, and Nam-ra got a single bite. Dose could matter.
        """,
    },
    {
        "title": "Nam-ra is going to bite Su-hyeok in season 2 and I am not ready",
        "tags": ["choi-nam-ra", "lee-su-hyeok", "relationships"],
        "author": "namra_never_bites",
        "body": "That's the theory. Please let me be wrong.",
    },
    {
        "title": "Half-zombies can hear heartbeats, and that's how season 2 will track survivors",
        "tags": ["half-zombies", "season-2-setting"],
        "body": """
            Nam-ra hears things from floors away. In a horror setting, hearing
            someone hiding two rooms away is a superpower.

            Season 2 idea: the military uses half-zombies as *trackers* to sweep the quarantine zone for
            hidden people, infected or not. Nam-ra gets forced into it and has to decide whether to
            report the survivors she finds.
        """,
    },
    {
        "title": "The military knows exactly what half-zombies are and wants one alive",
        "tags": ["military-intervention", "half-zombies"],
        "reception": "hit",
        "author": "martial_law_watch",
        "body": """
            At the end the army is running tests on survivors in the quarantine facility, specifically
            looking for asymptomatic carriers. You don't design a test like that unless you already know
            what you're looking for.

            Which means someone in the chain of command has Byeong-chan's research, and someone has seen
            a half-zombie up close before the finale.

            They don't want to cure them. They want to **study** one, and ideally one that cooperates.
            Guess who cooperates.
        """,
    },
    {
        "title": "Gwi-nam is not dead. Hear me out.",
        "tags": ["yoon-gwi-nam", "half-zombies"],
        "chapters": [71, 118],
        "reception": "divisive",
        "author": "hambie_hunter",
        "body": """
            Before the replies come in: yes, I know how the fight ends.

            But Gwi-nam has already survived things that should have killed him, more than once. Half-zombies
            heal absurdly fast. The show cut away. And then the whole area was bombed, so there's no body
            for anyone to confirm.

            I'm not saying he *should* come back. I'm saying the show left the door open, and a villain
            who can't die is exactly the kind of thing a second season loves.
        """,
        "thread": [
            {"body": "Please no. He got his ending. Let him stay there."},
            {
                "body": "The 'no body' argument works for Cheong-san too, and people hate it when I say that.",
                "replies": [
                    {
                        "body": "Because one of them we WANT back.",
                        "replies": [{"body": "Exactly my point, the show can't have it both ways.", "by": "asker"}],
                    },
                ],
            },
            {
                "body": "If he comes back I'm writing a strongly worded comment. This is that comment, in advance.",
            },
        ],
    },
    {
        "title": "Half-zombie rules, as far as I can tell after a third rewatch",
        "tags": ["half-zombies", "choi-nam-ra", "yoon-gwi-nam"],
        "chapters": [64, 88, 104],
        "reception": "hit",
        "author": "overthinker_jiwoo",
        "body": """
            I went through every scene with Nam-ra and Gwi-nam and wrote down what the show actually
            *shows* (not what we assume). Corrections welcome.

            ### Senses
            - Hearing: far better than humans. Nam-ra follows conversations through walls.
            - Smell: they can smell blood, and it sets off the hunger.
            - Sight in the dark: unclear. Full zombies struggle in darkness; half-zombies seem fine.

            ### Body
            - Strength and speed well above human. Gwi-nam throws people around.
            - Healing: fast enough that serious wounds stop mattering.
            - Heartbeat: I *think* the show implies hers is slower than it should be. Not 100% sure.

            ### Mind
            - They keep their memories and personality.
            - The hunger gets stronger with blood nearby and with stress.
            - They *can* choose not to bite. Nam-ra proves it, again and again.

            ### Unknowns
            - Can a half-zombie bite make another half-zombie?
            - Do they need to eat people, or just want to?
            - Does it get worse over time, or do they adapt?

            If season 2 answers even half of the unknowns I'll be happy.
        """,
        "thread": [
            {"body": "The 'Unknowns' section is the best part. Every one of those is a season 2 plot."},
            {
                "body": (
                    "On 'need vs want': she goes months without attacking her friends, so at least "
                    "she can survive without people. What she eats is a question I don't want answered."
                ),
                "replies": [{"body": "Raw meat from abandoned shops, I've decided. Don't take this from me."}],
            },
            {"body": "Pinning this in my head as the canon reference. Thank you for doing the homework."},
        ],
    },
    {
        "title": "Nam-ra leaving wasn't a goodbye, it was a recruitment",
        "tags": ["choi-nam-ra", "half-zombies", "season-2-setting"],
        "body": """
            The way the finale frames it, Nam-ra walks away from the survivors and straight toward other
            half-zombies. Everyone reads it as a sad goodbye. I read it as her finding out she has a
            second group to belong to, and season 2 making her choose between them.
        """,
    },
    {
        "title": "Season 2 will be told partly from the half-zombies' side",
        "tags": ["season-2-setting", "half-zombies"],
        "reception": "hit",
        "author": "netflix_and_theorize",
        "body": """
            The director said in an interview after the release (paraphrasing from memory) that if
            season 1 was about the survival of humans, season 2 could be about the survival of the
            half-zombies.

            That's about as close to a confirmed direction as we're going to get. So:

            - expect **Nam-ra POV** episodes,
            - expect the humans (military especially) to be the threat for once,
            - expect the full zombies to be more of a background hazard than the main enemy.

            Honestly it's the right call. Another season of "kids trapped in a building" would be worse.
        """,
    },
    {
        "title": "What if half-zombies can control the full zombies?",
        "tags": ["half-zombies"],
        "reception": "flop",
        "body": """
            Hear me out: the full zombies never attack Gwi-nam. Maybe the half-zombies give off some kind
            of signal and the regular ones follow it. Nam-ra leading a zombie horde against the army in
            the season 2 finale would go so hard.
        """,
        "thread": [
            {
                "body": "They don't attack him because he's infected, not because he controls them.",
                "replies": [{"body": "yeah, zombies ignoring other zombies isn't the same as taking orders"}],
            },
            {"body": "It would go hard though, I'll give you that."},
        ],
    },
    {
        "title": "Nam-ra's hunger is getting worse, not better. Look at the last episode.",
        "tags": ["choi-nam-ra", "half-zombies"],
        "chapters": [104],
        "body": """
            People keep saying she has "adapted". I think the finale shows the opposite. She keeps her
            distance the whole time she's with her friends, and she doesn't stay long.
            That's someone who knows her control is slipping. Season 2 is going to be about the moment
            it fails.
        """,
    },
    {
        "title": "The cure will turn out to be a trap: it's a weapon program",
        "tags": ["cure-and-vaccine", "military-intervention"],
        "reception": "divisive",
        "author": "jonaslab_truther",
        "body": """
            Every time a government in fiction says "we're working on a cure", they are working on
            a weapon. The military bombed a city to contain this virus and now suddenly they care
            about *healing* the infected? No.

            The "vaccine" they're developing makes soldiers into half-zombies. Calling it now.
        """,
    },
    {
        "title": "Gwi-nam never shows guilt as a half-zombie, and that's the scariest part of him",
        "tags": ["yoon-gwi-nam", "half-zombies"],
        "chapters": [71],
        "body": """
            Nam-ra spends every second as a half-zombie terrified of what she might do. Gwi-nam spends
            every second *enjoying* it. The show is pretty clear that the virus didn't make him a monster;
            it gave a monster fewer limits.
        """,
    },
    {
        "title": "Su-hyeok will choose to get infected so he can stay with Nam-ra",
        "tags": ["lee-su-hyeok", "choi-nam-ra", "relationships", "half-zombies"],
        "reception": "divisive",
        "author": "kdrama_nights",
        "body": """
            I know, I know. But this is a K-drama and he has already shown he'd do anything for her.

            If season 2 puts Nam-ra in real danger and the only way to follow her is to become what she
            is, I fully believe Su-hyeok takes that deal. Whether he turns *halfway* is the cliffhanger.
        """,
        "thread": [
            {"body": "That would be so romantic and so stupid. So, very in character."},
            {
                "body": "She literally left to protect him. Him throwing that away would undo her whole choice.",
                "replies": [
                    {
                        "body": "That's what makes it tragic though!",
                        "by": "op",
                        "replies": [
                            {"body": "Tragic and insulting to her sacrifice. I'm on the no side.", "by": "asker"},
                        ],
                    },
                ],
            },
        ],
    },
    {
        "title": "Nam-ra being class president is why she chose to leave",
        "tags": ["choi-nam-ra"],
        "author": "class_president_choi",
        "body": """
            Before the outbreak, Nam-ra's whole identity is responsibility. She's the one who keeps
            the class in order, who takes the blame, who doesn't ask for help.

            So when she becomes the danger, of course she removes herself. It's the most class-president
            thing she could do. She didn't stop being that person when she got bitten; she applied the
            same rule to herself that she'd apply to anyone else.

            That's also why I think she comes back in season 2. Not for love (okay, partly for love)
            but because someone in her "class" will need her and she's never been able to say no to that.
        """,
    },
    {
        "title": "Half-zombies probably don't show up on thermal cameras",
        "tags": ["half-zombies", "military-intervention"],
        "body": """
            If their body temperature is off, drones with thermal cameras would
            miss them. That would explain how Nam-ra stayed hidden in a city full of soldiers for four
            months.
        """,
    },
    {
        "title": "If half-zombies heal that fast, they may not die of old age at all",
        "tags": ["half-zombies"],
        "body": "Immortal Nam-ra watching her friends grow old. Thanks, I hate it.",
    },
    {
        "title": "Counting the half-zombies: I think there were at least five by the finale",
        "tags": ["half-zombies"],
        "chapters": [58],
        "author": "overthinker_jiwoo",
        "body": """
            My count of confirmed and likely half-zombies:

            1. Nam-ra (confirmed)
            2. Gwi-nam (confirmed)
            3. The rooftop half-zombie in the finale (confirmed)
            4. Whoever taught the rooftop one to survive that long (a guess, but a fair one)
            5. At least one more among the infected students we saw behaving "wrong" for a full zombie,
               if you watch the crowd scenes closely (possible)

            Five is a small number, but that's five in *one* city, in a few days, from a virus nobody
            was ready for. Multiply by the size of the quarantine zone.
        """,
    },
    {
        "title": "Season 2 should be set a year later in a walled-off Hyosan",
        "tags": ["season-2-setting", "quarantine-and-martial-law"],
        "reception": "hit",
        "author": "hyosan_forever",
        "body": """
            Not the school again. Give me Hyosan as a **dead zone**: a walled city the government
            pretends is empty, with a few half-zombies living in the ruins, smugglers going in for
            valuables, and soldiers patrolling the wall.

            The survivors have been "released" into normal life but nobody trusts them. One of them
            goes back in. That's the season.
        """,
    },
    {
        "title": "Season 2 setting: a university campus, not a high school",
        "tags": ["season-2-setting"],
        "reception": "divisive",
        "body": """
            The survivors would be graduating about now. A campus is bigger, more open, harder to
            barricade. Same "trapped with your classmates" energy, new rules. Also lets them bring
            in a new cast without losing the old one.
        """,
        "thread": [
            {"body": "Half of them spent months in a military facility, I doubt they're going to uni lol"},
            {"body": "Honestly this could work as a second location, not the main one."},
        ],
    },
    {
        "title": "Calling it: season 2 opens inside the military quarantine camp",
        "tags": ["season-2-setting", "quarantine-and-martial-law", "military-intervention"],
        "body": """
            First scene of season 2: a routine blood test in the camp, a survivor's result comes back
            wrong, alarms go off. We learn in five minutes that the camp isn't safe and that someone
            among the survivors is carrying the virus.
        """,
    },
    {
        "title": "Season 2 will move to Seoul and Hyosan becomes backstory",
        "tags": ["season-2-setting", "new-outbreak"],
        "author": "namsan_tower_view",
        "body": """
            The show already proved the format works on a school. The natural escalation is a much
            bigger city with a much bigger population and nowhere to put a wall. A second outbreak in
            Seoul makes Hyosan look like a rehearsal.
        """,
    },
    {
        "title": "The season 2 villain won't be a zombie at all",
        "tags": ["season-2-setting", "military-intervention"],
        "body": """
            Season 1's real villains were a scientist and a bully. Season 2's is going to be an
            institution: the lab, the army, the ministry, whoever decides what happens to
            half-zombies. Way scarier than any zombie because you can't barricade a door against it.
        """,
    },
    {
        "title": "Hot take: season 2 shouldn't make Nam-ra the lead",
        "tags": ["choi-nam-ra", "season-2-setting"],
        "reception": "divisive",
        "body": """
            Her storyline works *because* she's mysterious. Once you follow her around for eight hours
            explaining how half-zombie life works, the magic is gone. Keep her as the character we see
            through other people's eyes.
        """,
        "thread": [
            {"body": "Hard disagree, she's the most interesting character the show has."},
            {"body": "I kind of agree? Give her three amazing episodes, not eight average ones."},
            {
                "body": "Mysterious characters who become leads always get flattened. This is a real risk.",
                "replies": [{"body": "Agree it's a risk. Doesn't mean they shouldn't try."}],
            },
        ],
    },
    {
        "title": "Nam-ra's eyes change when she's hungry. I tracked it across episodes.",
        "tags": ["choi-nam-ra", "half-zombies"],
        "chapters": [88, 92],
        "body": """
            Rewatching with this in mind is a different show. Every time blood is nearby, the camera
            goes tight on her eyes, and the lighting shifts. It's subtle but consistent. If season 2
            keeps this visual language we'll always know when she's close to losing it, even when she
            says she's fine.
        """,
    },
    {
        "title": "Why Nam-ra stopped smiling, and why she smiles at the end",
        "tags": ["choi-nam-ra", "relationships"],
        "author": "namra_stan",
        "body": """
            Nam-ra almost never smiles in the first half of the show. That's her as class president:
            composed, closed off, very alone.

            After she's infected she smiles *more*, mostly at Su-hyeok, and at the very end with the
            others. It took losing the thing she was trying to protect (her normal life) for her to
            finally let people in.

            Which is heartbreaking and also maybe the most hopeful thing about her.
        """,
    },
    {
        "title": "Do half-zombies even need to sleep? The show hints they don't",
        "tags": ["half-zombies"],
        "body": """
            I can't remember a single scene of Nam-ra sleeping after she's infected. She keeps watch while
            everyone else rests.
            If half-zombies don't need sleep, that's a massive advantage in a survival story and an
            extra layer of loneliness: she's awake every night while the people she loves sleep.
        """,
    },
    {
        "title": "Half-zombies can't be infected again, which makes them perfect soldiers",
        "tags": ["half-zombies", "military-intervention"],
        "author": "ex_military_dad",
        "body": """
            From a cold, military point of view: a soldier who can't be turned by a bite, heals fast,
            hears everything and doesn't need sleep is the most valuable asset imaginable in a zombie
            outbreak. Any army that figures out how to *make* them will try to. I'd be very surprised if
            season 2 doesn't go there.
        """,
    },
    {
        "title": "Nam-ra kept her humanity because someone kept talking to her",
        "tags": ["choi-nam-ra", "lee-su-hyeok", "relationships"],
        "author": "namra_never_bites",
        "body": """
            Gwi-nam had nobody. Nam-ra had Su-hyeok, who kept treating her like a person, kept talking to
            her, kept *expecting* her to be herself. I genuinely think that's part of why she held on.
            The show is making a point about what keeps us human, and it's other people.
        """,
    },
    {
        "title": "Gwi-nam's obsession with Cheong-san is the virus talking, not just pettiness",
        "tags": ["yoon-gwi-nam", "lee-cheong-san", "half-zombies"],
        "chapters": [64, 96],
        "body": """
            Before the bite Gwi-nam was a bully who picked targets. After the bite he becomes fixated on
            one person to an unhinged degree. Half-zombies lock onto prey by smell and sound; I think
            Gwi-nam locked onto Cheong-san the same way, and what was left of his ego made it personal.
        """,
    },
    {
        "title": "Can half-zombies have children? Someone has to ask",
        "tags": ["half-zombies"],
        "reception": "flop",
        "body": "If yes, the virus is a new species. If no, it's a dead end. Either answer changes everything.",
    },
    {
        "title": "What did Nam-ra eat all those months?",
        "tags": ["choi-nam-ra", "half-zombies"],
        "body": """
            Genuinely curious. The city was evacuated and bombed. There are no people left to be tempted
            by. Either the hunger fades without triggers, or she found something else. Both answers tell
            us a lot about season 2.
        """,
    },
    {
        "title": "Gwi-nam as a half-zombie is the show's point about bullies",
        "tags": ["yoon-gwi-nam", "half-zombies", "jonas-virus-origin"],
        "chapters": [52],
        "reception": "hit",
        "author": "gwinam_hater",
        "body": """
            The virus was created because a kid was bullied. The bully is the one the virus fits best.

            That's not a coincidence, it's the thesis. Byeong-chan wanted to make his son strong enough
            to survive people like Gwi-nam. Instead he made people like Gwi-nam stronger.

            *All of Us Are Dead* is a zombie show, but it's also a show about how a school fails the kids
            who are getting hurt in it. Gwi-nam surviving as a half-zombie is the show saying: the system
            protects the wrong people, even in the apocalypse.
        """,
    },
    {
        "title": "The half-zombies will end up in a lab, and the survivors will break them out",
        "tags": ["half-zombies", "military-intervention", "season-2-setting"],
        "body": """
            Heist season! The survivors know the facility from the inside after months in quarantine.
            Nam-ra gets captured, On-jo plans the way in, Su-hyeok does the fighting, Dae-su causes a
            loud distraction. It writes itself.
        """,
    },
    {
        "title": "Nam-ra might not remember everything from before the bite",
        "tags": ["choi-nam-ra", "half-zombies"],
        "chapters": [92],
        "reception": "quiet",
        "body": """
            She's sharp in the finale, but there are small moments where she hesitates over names or
            details. Maybe the virus is slowly eating her memories along with her control. That would be
            a horribly effective season 2 arc.
        """,
    },
    {
        "title": "Half-zombies are the virus's way of spreading quietly",
        "tags": ["half-zombies", "new-outbreak"],
        "author": "zombie_scholar",
        "body": """
            From the virus's point of view, a full zombie is a terrible host: it gets shot, it gets
            noticed, it gets bombed. A half-zombie looks human, walks past checkpoints, and can leave the
            quarantine zone.

            If the Jonas virus is going to escape Hyosan, it won't be through a horde. It'll be through
            someone who looks perfectly normal.
        """,
    },
]
