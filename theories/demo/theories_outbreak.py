"""Fan theories about the Jonas virus, Byeong-chan's lab, the military, quarantine, the cure and what comes next."""

THEORIES = [
    {
        "title": "Byeong-chan didn't make the Jonas virus alone",
        "tags": ["jonas-virus-origin", "lee-byeong-chan", "military-intervention"],
        "chapters": [2, 80],
        "reception": "hit",
        "author": "jonaslab_truther",
        "body": """
            A high school science teacher, in a high school science lab, creates a virus that turns people
            into fast, strong, nearly unkillable zombies within minutes. Alone. With school equipment.

            I don't buy it, and I don't think the show wants us to fully buy it either.

            Things that bother me:

            - **Equipment.** Engineering a virus needs far more than a school lab. Where did he get it?
            - **Knowledge.** He talks about his research like someone with a real research background.
              Why is he teaching high school?
            - **The response.** The government reacts fast and seems to understand the threat very quickly.
              Either they're unusually competent, or they already knew.

            My theory: Byeong-chan used to work on something like this somewhere else, maybe for a company,
            maybe for the state. He left, kept his notes, and finished it at home for his son. And somebody
            very powerful recognized the virus the moment they saw it.

            Season 2 is going to find out who.
        """,
        "thread": [
            {"body": "The equipment point gets me every time. That's a classroom, not a biotech facility."},
            {
                "body": ("Or he's just a genius and the show doesn't care about realism. It's a zombie show, people."),
                "replies": [
                    {
                        "body": "It's a zombie show that spends a lot of time on his research. It cares a bit.",
                        "by": "op",
                    },
                    {"body": "Both can be true, it's a zombie show and also the setup for a conspiracy."},
                ],
            },
            {
                "body": "The government reacting fast is the detail I never noticed. Rewatching now.",
                "replies": [{"body": "Pay attention to how quickly the quarantine line goes up. It's suspicious."}],
            },
        ],
    },
    {
        "title": "The name 'Jonas' is a Jonah-and-the-whale reference",
        "tags": ["jonas-virus-origin", "lee-byeong-chan"],
        "author": "science_lab_notes",
        "body": """
            Jonah gets swallowed by the whale, survives inside it, and comes out changed. Byeong-chan
            wanted his son to survive something that should have destroyed him and come out stronger.

            If that's the reference (and "Jonas" is how the name appears in several languages), the virus is
            named after the *hope*, not the horror. Which makes it so much worse.
        """,
    },
    {
        "title": "Byeong-chan's videos are a confession and a lab manual",
        "tags": ["lee-byeong-chan", "jonas-virus-origin", "song-jae-ik"],
        "chapters": [80, 81],
        "body": """
            He explains what he did and why, but he also explains *how*. Whoever holds those recordings
            holds half the recipe. Which is exactly why I think someone will steal them in season 2.
        """,
    },
    {
        "title": "Jin-su is alive, and that's the season 2 twist",
        "tags": ["jonas-virus-origin", "lee-byeong-chan", "half-zombies"],
        "chapters": [81],
        "reception": "divisive",
        "author": "jinsu_deserved_better",
        "body": """
            Jin-su was the *first* person the virus was made for. Byeong-chan designed it around him,
            whatever he put in his son, it wasn't the accident that happened at school.

            If anyone was going to end up a half-zombie, stable and in control, it's the person the virus
            was tailored to. And the show is oddly vague about what exactly became of him.

            Imagine the season 2 reveal: a young man who has been living with the virus longer than anyone,
            who knows more about it than the scientists, and who has every reason to hate the world that
            bullied him.
        """,
        "thread": [
            {"body": "I want this and I'm scared of this in equal measure."},
            {
                "body": "I don't think the show is vague about him at all, I think people just don't like the answer.",
                "replies": [
                    {
                        "body": "Fair, I could be reading hope into it. It's still the twist I'd write.",
                        "by": "op",
                    },
                ],
            },
            {"body": "Jin-su as the season 2 antagonist would make Byeong-chan's whole story come full circle."},
        ],
    },
    {
        "title": "Jin-su deserved better, and so did his mum",
        "tags": ["jonas-virus-origin", "lee-byeong-chan", "survivors-trauma"],
        "chapters": [81],
        "author": "jinsu_deserved_better",
        "body": """
            Everyone talks about Byeong-chan as a mad scientist. Before the virus, he was a father who
            watched his son get bullied and couldn't make it stop. The school failed Jin-su first.
            Everything else came after that.
        """,
    },
    {
        "title": "Byeong-chan is the most honest villain in K-drama",
        "tags": ["lee-byeong-chan"],
        "reception": "divisive",
        "body": """
            He never pretends he's a good person. He never lies to the camera. He knows exactly what he
            did and why. Compared to the officials who bomb a city and then call it a success, he's almost
            refreshing. (Almost. He still started the apocalypse.)
        """,
    },
    {
        "title": "The virus turns fear into aggression, so why are half-zombies calm?",
        "tags": ["jonas-virus-origin", "half-zombies"],
        "chapters": [2, 88],
        "body": """
            If the Jonas virus feeds on fear, the half-zombies should be the most aggressive infected of all,
            since they're the ones who *understand* what's happening to them. Nam-ra is the calmest person
            in the show.

            Either the fear → aggression idea is Byeong-chan's theory rather than how the virus actually
            works, or half-zombies are the people whose fear the virus couldn't reach.
        """,
    },
    {
        "title": "Patient zero wasn't Hyeon-ju",
        "tags": ["jonas-virus-origin", "new-outbreak"],
        "chapters": [1, 2],
        "reception": "divisive",
        "author": "hyeonju_was_first",
        "body": """
            Yes, the outbreak at the school starts with Hyeon-ju in the science lab. But by the time she
            gets infected, Byeong-chan had already been experimenting for a while. Lab animals, his own
            family. Patient zero is whoever he tested it on first, and we don't know how contained that was.
        """,
    },
    {
        "title": "The Jonas virus was already outside Hyosan before the school outbreak",
        "tags": ["jonas-virus-origin", "new-outbreak"],
        "author": "zombie_scholar",
        "body": """
            Byeong-chan worked on this at home and at school. Things went wrong in his family before they went
            wrong at school. That's two sites in the city where the virus existed before the outbreak, and we
            only saw one of them explode.

            I'd bet on at least one infected animal, sample or person having left the city before the
            quarantine line went up.
        """,
    },
    {
        "title": "The bombing wasn't to stop the virus, it was to erase the evidence",
        "tags": ["military-intervention", "jonas-virus-origin"],
        "chapters": [112, 118],
        "reception": "divisive",
        "author": "jonaslab_truther",
        "body": """
            The army had the city sealed. The infected were inside. Bombing it didn't add much *containment*.
            What it did do was destroy the school, the lab, and everything Byeong-chan left behind.

            Convenient, if you're someone who doesn't want anyone asking where the virus really came from.
        """,
        "thread": [
            {"body": "Or: you bomb an infected city because you're terrified and it's the only tool you have."},
            {
                "body": "Both can be true! Panic plus a convenient side effect.",
                "replies": [{"body": "Panic with a side effect someone was very happy about.", "by": "op"}],
            },
            {"body": "This is the kind of tinfoil I come here for."},
        ],
    },
    {
        "title": "Martial law came too fast. Someone knew.",
        "tags": ["quarantine-and-martial-law", "military-intervention"],
        "chapters": [19, 33],
        "author": "broadcast_room",
        "body": """
            In real life, declaring martial law over a city takes politics, meetings and days of fighting
            about it. In the show it feels like it happens almost as soon as anyone understands what the
            virus is. Either the plan already existed, or the show skipped something.
        """,
    },
    {
        "title": "Who decided what the public was allowed to see?",
        "tags": ["quarantine-and-martial-law", "military-intervention"],
        "body": """
            Students are filming, posting, messaging the whole time. Outside Hyosan, the story is managed.
            The gap between what the kids saw and what the public was told is going to be a huge part of
            season 2, especially once the survivors start talking.
        """,
    },
    {
        "title": "The Hyosan quarantine line is a rehearsal for something bigger",
        "tags": ["quarantine-and-martial-law", "new-outbreak", "season-2-setting"],
        "body": """
            The government now has a playbook: seal the city, cut it off, bomb if needed, manage the story.
            If there's a second outbreak, they'll run the same playbook on a bigger city, and this time it
            won't work.
        """,
    },
    {
        "title": "The military research at the end is a vaccine program",
        "tags": ["cure-and-vaccine", "military-intervention"],
        "author": "science_lab_notes",
        "body": """
            The last episode shows the military is clearly interested in survivors who carry the virus
            without turning. The most obvious reason is a vaccine. A person whose immune system holds the
            virus in check is where you start.

            Whether the vaccine is for the public or just for soldiers is a different question.
        """,
    },
    {
        "title": "There will never be a cure, and season 2 will be about living with it",
        "tags": ["cure-and-vaccine", "season-2-setting"],
        "reception": "divisive",
        "body": """
            Zombie stories that find a cure end. Zombie stories that don't find a cure become about how
            people live with the threat. The show is much more interested in people than in science,
            so I think the cure stays out of reach.
        """,
    },
    {
        "title": "A cure for full zombies is impossible, but a vaccine from half-zombie blood isn't",
        "tags": ["cure-and-vaccine", "half-zombies", "choi-nam-ra"],
        "reception": "hit",
        "author": "cure_in_her_blood",
        "body": """
            People mix up **cure** and **vaccine** in every thread, so let me separate them.

            **Cure**: bring a full zombie back. Honestly impossible. Those people are dead in every way that
            matters; their brains are gone.

            **Vaccine**: stop a healthy person from turning when bitten. This one is plausible, and the
            half-zombies are the key. Their bodies hold the virus back. If you can figure out *how*, you can
            give that protection to people before they're bitten.

            So: the dead stay dead, but the next outbreak could be survivable. And the military will want
            Nam-ra for exactly this reason.
        """,
    },
    {
        "title": "Season 2 goes global with a new outbreak abroad",
        "tags": ["new-outbreak", "season-2-setting"],
        "author": "netflix_and_theorize",
        "body": """
            Netflix loves a global story. Korea contained Hyosan (sort of), but a sample, a carrier or an
            infected animal gets out. Season 2 cuts between Korea and somewhere else, and the survivors
            become the only people in the world who know what's coming.
        """,
    },
    {
        "title": "The world outside Korea would not sit quietly after Hyosan",
        "tags": ["new-outbreak", "military-intervention"],
        "body": """
            A country bombs one of its own cities to stop a virus. Other governments would demand samples,
            data, access. Some would want the virus for themselves. Season 2 could be a spy thriller as much
            as a zombie show.
        """,
    },
    {
        "title": "The virus will mutate into an airborne strain",
        "tags": ["new-outbreak", "jonas-virus-origin"],
        "reception": "flop",
        "body": "Bites are too slow for a sequel. Airborne Jonas is the next step. Calling it.",
        "thread": [
            {"body": "Airborne would end the world in one episode, there'd be no show left."},
            {"body": "Please no, bites are what make the tension work."},
        ],
    },
    {
        "title": "The lab animals were only the start of the infection chain",
        "tags": ["jonas-virus-origin", "new-outbreak"],
        "chapters": [1],
        "body": """
            An infected animal bites Hyeon-ju and everything goes from there. But lab animals escape, get
            disposed of carelessly, get sold. If one infected animal reached the school, more could have
            reached anywhere.
        """,
    },
    {
        "title": "The soldiers in the quarantine facility are screening survivors for half-zombie traits",
        "tags": ["military-intervention", "quarantine-and-martial-law", "half-zombies"],
        "chapters": [127],
        "author": "soldier_on_the_wall",
        "body": """
            Medical checks in the facility aren't only about infection. If the military knows half-zombies
            exist, they're checking every survivor for them: heart rate, healing, hearing. Someone among the
            survivors is going to be flagged, and it won't be someone we expect.
        """,
    },
    {
        "title": "The military saved more people than the fandom admits",
        "tags": ["military-intervention", "quarantine-and-martial-law"],
        "reception": "divisive",
        "author": "ex_military_dad",
        "body": """
            Unpopular opinion incoming.

            The army made horrible calls. But the quarantine line held. The virus did not spread to Seoul or
            the rest of the country. Millions of people outside Hyosan are alive because someone made a choice
            nobody should ever have to make.

            The show wants us to hate them, and I get it, we see everything from the kids' side. But a
            season 2 that shows the other side of those decisions could be really interesting.
        """,
        "thread": [
            {"body": "The ends justify the means, said every government in every zombie movie ever."},
            {
                "body": "I actually think this is a fair take. Doesn't make them the good guys, makes them human.",
                "replies": [{"body": "Exactly what I meant. Thank you.", "by": "op"}],
            },
            {
                "body": "They bombed a city with people in it. Some of those people were kids hiding in a school.",
                "replies": [
                    {"body": "Nobody is saying it was good. The post says it was a horrible choice."},
                    {"body": "And I stand by 'horrible'. I'm saying it wasn't random.", "by": "op"},
                ],
            },
        ],
    },
    {
        "title": "The official who ordered the bombing will be season 2's human villain",
        "tags": ["military-intervention", "season-2-setting"],
        "body": """
            Someone signed that order. In season 2 that person is up for promotion, running for office or
            running the vaccine program, and the survivors are the only people who can prove what they did.
        """,
    },
    {
        "title": "Martial law in Hyosan is the most realistic part of the show",
        "tags": ["quarantine-and-martial-law"],
        "author": "quarantine_zone_b",
        "body": """
            The zombies are fiction. Sealing a city, controlling the news, deciding who is allowed out and
            who isn't, that part we've all seen versions of. It's why the outside-the-school scenes feel so
            uncomfortable.
        """,
    },
    {
        "title": "Byeong-chan recorded everything because he wanted to be caught",
        "tags": ["lee-byeong-chan", "jonas-virus-origin"],
        "body": """
            You don't keep a careful video diary of a crime unless some part of you wants someone to find it.
            He wanted to be understood. Which is why I think there are more recordings than the ones we saw.
        """,
    },
    {
        "title": "The Jonas virus is a parable about school bullying, full stop",
        "tags": ["jonas-virus-origin", "lee-byeong-chan", "yoon-gwi-nam"],
        "chapters": [1, 52],
        "reception": "hit",
        "author": "jinsu_deserved_better",
        "body": """
            Strip away the zombies:

            - A boy is bullied and the school does nothing.
            - His father tries to make him strong enough to survive it.
            - The "strength" turns into violence that destroys the whole school.
            - The bully ends up thriving in the new world.

            It's not subtle once you see it. The show opens with bullying before it opens with zombies,
            and that's the point. The outbreak is what happens when adults look away for long enough.
        """,
    },
    {
        "title": "Let's map how the virus spread through the school hour by hour",
        "tags": ["jonas-virus-origin"],
        "chapters": [1, 3, 6],
        "author": "overthinker_jiwoo",
        "body": """
            I tried to put together a rough timeline of day one. Correct me where I'm wrong.

            1. **Before school**: the infected animal in the science lab; Hyeon-ju is bitten.
            2. **Morning**: Hyeon-ju goes to the school infirmary. Things go wrong there first.
            3. **First period-ish**: the infection reaches the first classrooms. Nobody understands it yet.
            4. **Within an hour or so**: the hallways are lost. Students who run, survive; students who
               stay to help, mostly don't.
            5. **Afternoon**: the school is effectively gone; survivors are barricaded in a handful of rooms.

            The most terrifying part is step 4. The virus moves faster than any adult can make a decision,
            which is why the kids have to make all of them.
        """,
    },
    {
        "title": "What the half-zombies' immune systems tell us about a cure",
        "tags": ["cure-and-vaccine", "half-zombies"],
        "author": "science_lab_notes",
        "body": """
            Caveat: fan science, not real science.

            A half-zombie has the virus in them but isn't taken over. That could mean:

            1. their immune system **fights the virus to a stalemate**,
            2. the virus **mutated** inside them into something weaker, or
            3. something about their brain **resists** the part of the virus that takes over behaviour.

            Option 1 means antibodies, which means a vaccine. Option 2 means a weakened strain, which also
            means a vaccine, but a risky one. Option 3 means no vaccine at all, just lucky people.

            The show has been careful not to tell us which one it is. I think season 2 will.
        """,
    },
    {
        "title": "The incubation time isn't consistent, and that's a clue",
        "tags": ["jonas-virus-origin", "half-zombies"],
        "chapters": [6, 21],
        "body": """
            Some people turn within seconds, some take much longer. The show usually explains it with the
            bite's location or how bad it is, but I think it's a hint that the virus behaves differently
            in different bodies. Which is exactly what you'd expect if half-zombies are possible.
        """,
    },
    {
        "title": "New outbreak idea: a cruise ship",
        "tags": ["new-outbreak"],
        "author": "fan",
        "body": (
            "Sealed space, no escape, a crowd of strangers. One carrier from Hyosan gets on board. "
            "You're welcome, Netflix."
        ),
    },
    {
        "title": "Someone smuggled samples out of Hyosan",
        "tags": ["new-outbreak", "military-intervention", "jonas-virus-origin"],
        "reception": "hit",
        "author": "netflix_and_theorize",
        "body": """
            A city full of a virus worth more than anything on the planet, and you're telling me nobody
            took a sample before the bombs fell? Soldiers, researchers, a contractor who knew somebody.

            Season 2's outbreak doesn't come from the zombies. It comes from a freezer.
        """,
    },
    {
        "title": "Song Jae-ik is going to find a second lab",
        "tags": ["song-jae-ik", "jonas-virus-origin"],
        "body": """
            He's the character who follows evidence. He's also the character who knows where the trail
            started. If there's a second site (Byeong-chan's home, a storage unit, a former employer) he's
            the one who finds it.
        """,
    },
    {
        "title": "Why the Jonas virus doesn't affect everyone the same way",
        "tags": ["jonas-virus-origin", "half-zombies"],
        "body": """
            Byeong-chan designed the virus for one person: his son. A virus tuned to one body is going to
            behave unpredictably in everyone else. That's why we get full zombies, half-zombies, fast turns
            and slow turns. It was never designed for a crowd.
        """,
    },
    {
        "title": "The military wants half-zombies as weapons, not patients",
        "tags": ["military-intervention", "half-zombies"],
        "reception": "hit",
        "author": "soldier_on_the_wall",
        "body": """
            Think about it from their side: they just watched a handful of teenagers with the virus survive
            things that would kill trained soldiers. Nobody in a uniform looks at that and thinks "patients".
            They think "assets".
        """,
    },
    {
        "title": "The quarantine camp will be season 2's first big set piece",
        "tags": ["quarantine-and-martial-law", "season-2-setting"],
        "body": """
            Imagine the camp when the first carrier turns inside: hundreds of people in one fenced area,
            soldiers who already bombed a city, and nowhere to run. The school was claustrophobic. The camp
            would be a school with guns.
        """,
    },
    {
        "title": "Byeong-chan's notes will be stolen and sold",
        "tags": ["lee-byeong-chan", "new-outbreak"],
        "body": "Research like that doesn't stay in an evidence locker. Someone will put a price on it.",
    },
    {
        "title": "Gwi-nam and Jin-su are the same story told twice",
        "tags": ["yoon-gwi-nam", "jonas-virus-origin", "lee-byeong-chan"],
        "chapters": [52, 81],
        "body": """
            One is a bully, one was bullied. The virus meant for the victim ends up empowering the bully.
            If Jin-su ever shows up in season 2, a confrontation with what Gwi-nam represented would be
            the emotional climax of the whole series.
        """,
    },
    {
        "title": "The second outbreak will start from the survivors themselves",
        "tags": ["new-outbreak", "survivors-trauma", "half-zombies"],
        "reception": "divisive",
        "body": """
            Hear me out. Not on purpose, and not one of the main group. But someone who walked out of Hyosan
            was carrying the virus without knowing it. The horror of season 2 is that the people we rooted
            for are the ones who brought it out.
        """,
    },
    {
        "title": "Something about the order of infection in the infirmary doesn't add up",
        "tags": ["jonas-virus-origin"],
        "chapters": [3, 4],
        "reception": "quiet",
        "body": """
            The timing in the infirmary scenes is off to me. Someone should have turned earlier based on
            the rules the show sets up later. Continuity slip, or the first victims turned slower because
            the virus was still "young"?
        """,
    },
    {
        "title": "The government knew about Byeong-chan's research before the outbreak",
        "tags": ["military-intervention", "jonas-virus-origin", "lee-byeong-chan"],
        "chapters": [33, 80],
        "reception": "divisive",
        "author": "jonaslab_truther",
        "body": """
            Putting together three things from the show:

            1. The response is very fast.
            2. The people in charge seem to understand the virus better than they should.
            3. Byeong-chan's research is specific, documented and clearly not his first try.

            Conclusion: someone had already seen his work, maybe years earlier, and filed it away.
            When Hyosan happened they recognized it, and the first thing they did was make sure the origin
            was destroyed.
        """,
    },
    {
        "title": "A carrier could already be living a normal life in Seoul",
        "tags": ["new-outbreak", "half-zombies"],
        "author": "namsan_tower_view",
        "body": """
            If someone was infected, turned halfway and then got evacuated before anyone understood
            half-zombies existed, they could be anywhere by now. Working, studying, riding the subway.
            Hungry.
        """,
    },
    {
        "title": "The military bombed Hyosan too early: there were survivors left",
        "tags": ["military-intervention", "survivors-trauma"],
        "chapters": [112],
        "body": """
            Our group made it out. But the show makes it clear there were other people hiding across the
            city: in apartments, in shops, in other schools. The bombing didn't wait for them. Season 2
            needs to reckon with that, especially if any of them survived.
        """,
    },
    {
        "title": "The Jonas virus doesn't want to kill, it wants to spread",
        "tags": ["jonas-virus-origin", "new-outbreak"],
        "body": """
            Zombies that eat people entirely don't spread anything. The virus makes them bite and move on.
            Whether or not Byeong-chan meant it, he made something built for transmission, not for killing.
        """,
    },
]
