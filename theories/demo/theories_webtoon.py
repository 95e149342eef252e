"""Fan theories comparing the show with the webtoon, plus quick takes and predictions across topics."""

THEORIES = [
    {
        "title": "Don't expect season 2 to follow the webtoon's ending",
        "tags": ["webtoon-divergence", "season-2-setting"],
        "chapters": [131, 135],
        "reception": "hit",
        "author": "webtoon_first",
        "body": """
            I read *Now at Our School* years before the show existed. Without spoiling the last chapters:
            the show has already changed too much for the webtoon's ending to work as is.

            - Characters who matter a lot in the show play different roles in the webtoon.
            - The show's half-zombie storyline is built up far more deliberately.
            - The tone of the ending is very different.

            So if you're reading the webtoon to "spoil" season 2 for yourself, don't bother. Read it because
            it's good. Season 2 is going to be its own thing.
        """,
        "thread": [
            {"body": "As someone halfway through the webtoon: thank you for not spoiling it."},
            {
                "body": "I think season 2 will borrow individual scenes though, even if the ending differs.",
                "replies": [{"body": "Oh definitely. Scenes yes, structure no.", "by": "op"}],
            },
        ],
    },
    {
        "title": "Things the show changed from Now at Our School, early chapters only",
        "tags": ["webtoon-divergence"],
        "chapters": [1, 5, 12],
        "reception": "hit",
        "author": "seoul_subway_reader",
        "body": """
            A spoiler-light list for show watchers who are curious, from memory, so correct me.
            Only the opening stretch (roughly the first dozen chapters), nothing later.

            1. **Pacing.** The webtoon gets to the outbreak *fast*. The show spends more time setting up the
               students and the bullying first.
            2. **The adults.** The show adds a lot of time outside the school: the police, the firefighters,
               the government. The webtoon stays much closer to the students.
            3. **Tone.** The webtoon is bleaker from page one. The show leaves more room for jokes and
               friendship.
            4. **The bullying storyline** is more central in the show, which changes how you read the virus
               from the start.

            Happy to add to this if other readers remember more.
        """,
    },
    {
        "title": "The webtoon spends more time after the escape than the show does",
        "tags": ["webtoon-divergence", "survivors-trauma"],
        "chapters": [122, 127],
        "author": "minji_reads_webtoons",
        "body": """
            No details, but if I remember right, the webtoon's final stretch doesn't jump ahead the way
            the show's finale does. It stays with what happens to the survivors *afterwards*. If season 2
            wants material for the aftermath, that's where it's sitting.
        """,
    },
    {
        "title": "Reading the webtoon after the show: how the pacing compares",
        "tags": ["webtoon-divergence"],
        "author": "minji_reads_webtoons",
        "body": """
            I started the webtoon after finishing the show, and the biggest difference for me isn't the
            plot, it's the pacing. The show lingers on characters. The webtoon keeps moving and lets
            the panels do the emotional work. Both work. They're just very different experiences.
        """,
    },
    {
        "title": "Nam-ra in the webtoon versus Nam-ra in the show",
        "tags": ["webtoon-divergence", "choi-nam-ra", "half-zombies"],
        "chapters": [88, 104],
        "reception": "hit",
        "author": "webtoon_first",
        "body": """
            Keeping this vague on purpose. The show makes Nam-ra the emotional centre of the half-zombie
            story, with a full arc: control, hunger, love, leaving. Webtoon readers know her journey there is
            handled differently, and the *show's* version is the one that seems to set up season 2.

            Which means season 2 Nam-ra is basically original material. Nobody can spoil her for you.
        """,
    },
    {
        "title": "Will season 2 adapt the webtoon's last chapters or go fully original?",
        "tags": ["webtoon-divergence", "season-2-setting"],
        "chapters": [120],
        "body": """
            The show used most of the webtoon's big set pieces in season 1, and the finale already goes
            its own way. My guess: season 2 borrows themes and a few moments from the final chapters
            but tells a new story. Thoughts from other readers?
        """,
    },
    {
        "title": "The webtoon's art makes the half-zombies scarier than the show does",
        "tags": ["webtoon-divergence", "half-zombies"],
        "body": "Something about still panels and a pause before the reveal. Nothing on screen has scared me as much.",
    },
    {
        "title": "Webtoon readers, stop spoiling season 2: the show is already off-script",
        "tags": ["webtoon-divergence"],
        "reception": "divisive",
        "author": "sunbae_theories",
        "body": """
            Every thread about season 2 has someone going "well in the webtoon..." with a chapter reference
            that ruins it for people. The show changed major characters and the ending of season 1.
            The webtoon isn't a spoiler for season 2 anymore, it's a different story.

            Tag your chapters so the site can hide them, and please stop pretending you know the future.
        """,
        "thread": [
            {"body": "Tagging chapters is literally what the chapter refs are for. Use them, people."},
            {
                "body": "Some of us like discussing the source. Using chapter tags is fair, banning it isn't.",
                "replies": [{"body": "Nobody's banning anything. Just tag it.", "by": "op"}],
            },
            {
                "body": (
                    "Friendly reminder from the mod team: cite chapters on anything past the show, and readers "
                    "behind you get a warning instead of a spoiler."
                ),
                "by": "moderator",
            },
        ],
    },
    {
        "title": "Chapter one versus episode one: how the first infection differs",
        "tags": ["webtoon-divergence", "jonas-virus-origin"],
        "chapters": [1, 2, 3],
        "author": "webtoon_first",
        "body": """
            The opening chapters get to the infection with much less setup. The show builds up the science
            lab, the bullying and Byeong-chan before things go wrong, so the virus has a *meaning* from the
            start. I think that change is why the show's version of the origin hits harder.
        """,
    },
    {
        "title": "The classroom barricade goes on much longer in the webtoon",
        "tags": ["webtoon-divergence", "survivors-trauma"],
        "chapters": [14, 22],
        "body": """
            The show moves the group around a lot. The way I remember the webtoon, being stuck is more of
            the experience: hunger, thirst, boredom, tension between people. It's less cinematic but
            arguably more realistic about what being trapped would do to a group of teenagers.
        """,
    },
    {
        "title": "A spoiler-free guide for show fans who want to start the webtoon",
        "tags": ["webtoon-divergence"],
        "chapters": [1],
        "author": "seoul_subway_reader",
        "body": """
            Quick guide because people keep asking:

            - It's *Now at Our School* (지금 우리 학교는) by Joo Dong-geun, serialized 2009 to 2011.
            - Start from chapter 1. The early chapters map closely enough to the show that you'll feel at home.
            - The art style is rougher than modern webtoons. Give it ten chapters, it grows on you.
            - **Set your reading progress** on your profile, so theories citing later chapters get hidden
              until you get there.

            Enjoy, and don't read the comments on the last chapters before you get there.
        """,
    },
    {
        "title": "The show gave Cheong-san a different role than the webtoon did",
        "tags": ["webtoon-divergence", "lee-cheong-san"],
        "chapters": [96, 118],
        "reception": "divisive",
        "author": "sunbae_theories",
        "body": """
            I won't say how, but Cheong-san's arc in the show is shaped very deliberately for TV, and his
            role in the later chapters isn't the same. Which means all the "he's alive in the webtoon so
            he's alive in the show" (and the reverse) arguments are pointless. Two different boys.
        """,
    },
    {
        "title": "The webtoon is kinder to the adults than the show is",
        "tags": ["webtoon-divergence", "military-intervention"],
        "chapters": [66],
        "body": """
            My impression on a reread, anyway. Or maybe "less interested in them" is more accurate.
            The show turns the adults into a big part of the political story; the webtoon mostly keeps
            them off-panel. I prefer the show's version, honestly. The government plot is the best thing
            it added.
        """,
    },
    {
        "title": "The webtoon's final chapters already answer some season 2 questions",
        "tags": ["webtoon-divergence", "season-2-setting", "half-zombies"],
        "chapters": [133, 134, 135],
        "reception": "divisive",
        "author": "minji_reads_webtoons",
        "body": """
            Chapter-tagged for a reason. If you've read to the end, you know the webtoon has its own answer
            to what half-zombies *mean* for the world. The show will probably change the details, but
            I'd be surprised if it ignored the idea entirely. It's too good.
        """,
    },
    {
        "title": "Why the show changed Gwi-nam from the webtoon",
        "tags": ["webtoon-divergence", "yoon-gwi-nam"],
        "chapters": [52, 71],
        "author": "gwinam_hater",
        "body": """
            The show needed a single antagonist the audience could follow for a whole season, so it leaned
            into Gwi-nam as *the* threat inside the school. It works on screen. It also makes his ending
            feel like a boss fight, which is very TV.
        """,
    },
    {
        "title": "Season 2 is going to take place in winter",
        "tags": ["season-2-setting"],
        "author": "fan",
        "body": """
            If it picks up a few months after the finale, winter is a perfect horror setting: early
            darkness, snow that shows footprints, breath you can see. Zombies that struggle in the dark
            plus nights that start at 5pm. Yes please.
        """,
    },
    {
        "title": "Season 2 when",
        "tags": ["season-2-setting"],
        "reception": "quiet",
        "author": "season2_when",
        "body": "It was renewed in 2022. I have rewatched season 1 four times. I am running out of ways to cope.",
    },
    {
        "title": "Dae-su for president",
        "tags": ["yang-dae-su"],
        "author": "daesu_sings",
        "body": "That's it. That's the theory. He'd make the speeches fun and he'd never give up on anyone.",
    },
    {
        "title": "The zombies struggle in the dark, so season 2 should lean into night episodes",
        "tags": ["season-2-setting"],
        "body": """
            The best tension in season 1 is when the rules change: light and dark, noise and silence.
            A season set in a blacked-out, bombed-out city would make every night sequence a nightmare,
            in a good way.
        """,
    },
    {
        "title": "The broadcast room scenes are secretly about who gets to tell the story",
        "tags": ["quarantine-and-martial-law", "survivors-trauma"],
        "chapters": [18],
        "author": "broadcast_room",
        "body": """
            Inside the school, the kids use whatever they can to get a message out. Outside, the
            government controls the message. Season 1 keeps coming back to the same question: who gets
            to say what happened? I think season 2 will be about exactly that.
        """,
    },
    {
        "title": "Someone in the survivor group is hiding a bite in season 2",
        "tags": ["survivors-trauma", "half-zombies", "season-2-setting"],
        "reception": "hit",
        "author": "rooftop_survivor",
        "body": """
            Classic zombie trope, but the show hasn't really used it on the main group yet, and it would
            hit so much harder with half-zombies in play. Someone got scratched during the escape, felt
            fine, and said nothing. Months later they're hearing heartbeats through walls.

            My bet is on one of the quieter survivors. The show has kept them quiet for a reason.
        """,
    },
    {
        "title": "Hyosan High will be rebuilt, and that's where season 2 ends",
        "tags": ["season-2-setting", "survivors-trauma"],
        "reception": "quiet",
        "body": """
            Full circle: a new school on the same ground, a memorial for the students who died, the survivors
            at the opening. And somewhere in the crowd, someone who can hear every heartbeat in the room.
        """,
    },
    {
        "title": "The first episode of season 2 will start with a phone video",
        "tags": ["season-2-setting", "quarantine-and-martial-law"],
        "body": """
            Season 1 is full of phone footage. I think season 2 opens with a video leaked from inside the
            quarantine zone, something the government can't explain away, going viral. Instant hook.
        """,
    },
    {
        "title": "On-jo and Nam-ra's friendship matters more than the romances",
        "tags": ["nam-on-jo", "choi-nam-ra", "relationships"],
        "author": "library_barricade",
        "body": """
            The show sells the two romances hard, but the relationship I want season 2 to build on is
            On-jo and Nam-ra. They're the two most capable people in the group and they respect each other
            without needing to say it. If Nam-ra comes back, On-jo is the one who'll trust her first.
        """,
    },
    {
        "title": "Nobody is talking about how much Su-hyeok lost",
        "tags": ["lee-su-hyeok", "survivors-trauma"],
        "body": """
            Everyone focuses on On-jo's grief and Nam-ra's choice. Su-hyeok lost his best friend and then
            watched the person he loves walk away. He's the strong one, so nobody checks on him. Classic.
        """,
    },
    {
        "title": "The survivors will split up in season 2, and that's the worst thing that can happen to them",
        "tags": ["survivors-trauma", "season-2-setting", "relationships"],
        "body": """
            They survived because they stayed together. After the camp, families, schools and the government
            will pull them in different directions. Season 2 opens with them apart, and the whole first half
            is about getting back to each other.
        """,
    },
    {
        "title": "Na-yeon's storyline is the show asking what we owe people we dislike",
        "tags": ["lee-na-yeon", "survivors-trauma"],
        "reception": "quiet",
        "body": """
            The group keeps helping her even when she makes it hard. Whether they should have is one of the
            show's real moral questions, and I like that it doesn't give a clean answer.
        """,
    },
    {
        "title": "Ha-ri will teach the others to shoot in season 2",
        "tags": ["jang-ha-ri", "season-2-setting"],
        "author": "archery_club_hari",
        "body": """
            After what they went through, none of them will ever want to be helpless again. Ha-ri is the
            only one with real training in a distance weapon. Training montage, please.
        """,
    },
    {
        "title": "The half-zombies can smell fear",
        "tags": ["half-zombies", "jonas-virus-origin"],
        "chapters": [64],
        "reception": "flop",
        "body": (
            "The virus runs on fear, right? So half-zombies can literally smell it. "
            "That's why Gwi-nam always found Cheong-san."
        ),
    },
    {
        "title": "Jae-ik will end up protecting a half-zombie in season 2",
        "tags": ["song-jae-ik", "half-zombies", "season-2-setting"],
        "author": "detective_song_stan",
        "body": """
            He's a cop who saw the system fail. If the state starts hunting half-zombies, he's exactly the
            kind of person who decides the law is wrong and hides one. Bonus points if it's Nam-ra.
        """,
    },
    {
        "title": "Season 2 will reveal what happened to the rest of Hyosan's schools",
        "tags": ["season-2-setting", "new-outbreak"],
        "body": """
            Hyosan High is where it started, but it's a whole city. Other schools, other groups of kids
            surviving on their own. Season 2 could introduce a second group who made it out a different way,
            and have them clash with ours.
        """,
    },
    {
        "title": "The virus will eventually make half-zombies the majority",
        "tags": ["half-zombies", "new-outbreak"],
        "reception": "divisive",
        "author": "zombie_scholar",
        "body": """
            Natural selection, basically. Full zombies get shot and bombed. Half-zombies blend in and survive.
            Give it a few outbreaks and the infected who are left are the ones who can think. That's a very
            different world, and I think it's where the series is heading long term.
        """,
    },
    {
        "title": "The survivors' families will be the new cast in season 2",
        "tags": ["season-2-setting", "relationships"],
        "reception": "quiet",
        "body": """
            Parents who lost kids, parents whose kids came back changed, siblings who weren't there. The show
            already showed us adults on the outside in season 1. Season 2 can do it properly.
        """,
    },
    {
        "title": "The show is setting up a trial",
        "tags": ["military-intervention", "quarantine-and-martial-law", "season-2-setting"],
        "body": """
            Someone has to answer for bombing a city. A public inquiry, a trial, a hearing, with the
            survivors as witnesses. Half courtroom drama, half zombie show. I would watch that.
        """,
    },
    {
        "title": "Cheong-san's mum's recipe will show up in season 2 and I will cry",
        "tags": ["lee-cheong-san", "relationships"],
        "reception": "quiet",
        "author": "chicken_shop_regular",
        "body": "On-jo opening a fried chicken shop in his memory. Don't talk to me.",
    },
    {
        "title": "Half-zombies will need a name the characters use in season 2",
        "tags": ["half-zombies", "season-2-setting"],
        "body": """
            The fandom says "hambies", the show mostly describes them. If they become a whole population in
            season 2, the characters (and the government) will need a word. Whatever name they pick will tell
            us whether the show sees them as people or as a threat.
        """,
    },
    {
        "title": "The last shot of season 1 is the first shot of season 2",
        "tags": ["season-2-setting", "choi-nam-ra", "half-zombies"],
        "reception": "quiet",
        "body": """
            Nam-ra on the rooftop, the other half-zombie, the city below. Season 2 picks up right there,
            and we find out in the first minute who they are and where they're going.
        """,
    },
    {
        "title": "Song Jae-ik and Nam So-ju: the show's real buddy-cop story",
        "tags": ["song-jae-ik", "nam-so-ju", "relationships"],
        "body": """
            A detective and a firefighter crossing a city full of zombies together, each trying to save
            someone. Their scenes are some of the best outside the school, and I wish we'd had more of them.
        """,
    },
    {
        "title": "The camp doctors know Nam-ra visited the survivors",
        "tags": ["choi-nam-ra", "military-intervention", "quarantine-and-martial-law"],
        "reception": "quiet",
        "body": """
            Half-zombies leave traces: blood, prints, hair. If the survivors are being monitored, someone
            knows they met a half-zombie at the school. Season 2 starts with the army using them as bait.
        """,
    },
]
