"""Fan theories about the survivors: Cheong-san's fate, On-jo, friendships, families and trauma."""

THEORIES = [
    {
        "title": "Cheong-san is alive, and he's a half-zombie now",
        "tags": ["lee-cheong-san", "half-zombies", "season-2-setting"],
        "chapters": [116, 118],
        "reception": "hit",
        "author": "cheongsan_lives",
        "body": """
            I have been waiting to write this one properly. Here is the case.

            **1. He was bitten by a half-zombie, not a full zombie.** Gwi-nam bites him. Every other
            infection we see comes from a full zombie. We have no idea what a half-zombie bite does, and
            the show never tells us.

            **2. He doesn't turn on screen.** He has time to say goodbye, he has time to fight. By the
            show's own rules a normal bite would have taken him much faster.

            **3. There is no body.** The school is bombed. Nobody recovers anything. In a show this
            careful about showing us deaths, that's a choice.

            **4. Half-zombies survive things.** Gwi-nam survived enough damage to kill anyone three
            times over.

            **5. The ending keeps him present.** The survivors go back to the school *for him*.
            The show is practically daring us to hope.

            I'm not saying he'll be fine. I'm saying he'll be back, and he won't be entirely human.
            Which, honestly, is the most *All of Us Are Dead* way to do it.
        """,
        "thread": [
            {
                "body": "Point 1 is the one I can't get past. Half-zombie bite → ??? The show never explains it.",
                "replies": [
                    {
                        "body": "Right? We have literally zero examples. It could do anything.",
                        "by": "op",
                        "replies": [{"body": "Zero examples is exactly why it's a convenient escape hatch."}],
                    },
                ],
            },
            {
                "body": (
                    "I'm going to be honest, I think he's dead and it was the right ending. "
                    "But I upvoted because this is well argued."
                ),
            },
            {"body": "Point 5 made me cry at my desk. Thanks."},
            {
                "body": "If he comes back half-zombie and On-jo has to choose like Su-hyeok did with Nam-ra...",
                "replies": [{"body": "Mirrored couples. The show loves symmetry. Don't give them ideas."}],
            },
        ],
    },
    {
        "title": "Cheong-san is dead, and the show needs to let him stay dead",
        "tags": ["lee-cheong-san", "season-2-setting"],
        "reception": "divisive",
        "author": "late_night_rewatch",
        "body": """
            I love him. That's exactly why I want his death to mean something.

            His whole arc is about choosing to stay behind so that On-jo can live. Bringing him back
            undoes that choice and turns the show's best ending into a cliffhanger. A second season
            should be about the people who have to live with what he did, not about reversing it.
        """,
        "thread": [
            {"body": "Thank you. Bringing him back cheapens every other loss in the show."},
            {
                "body": "Disagree, but respectfully. Sometimes the point of a sacrifice is that it gets rewarded.",
                "replies": [{"body": "That's a different kind of story though. Not this one, I think.", "by": "op"}],
            },
            {"body": "Why not both: he's alive, but he's not *him* anymore. The sacrifice still costs him everything."},
        ],
    },
    {
        "title": "We never saw Cheong-san's body. In K-dramas that means something.",
        "tags": ["lee-cheong-san"],
        "chapters": [118],
        "author": "chicken_shop_regular",
        "body": "No body, no death. Rule number one. I will die on this hill (and then come back, like him).",
    },
    {
        "title": "Gwi-nam was a half-zombie when he bit Cheong-san. Does that change the math?",
        "tags": ["lee-cheong-san", "yoon-gwi-nam", "half-zombies"],
        "chapters": [116],
        "body": """
            I've seen this in a couple of theories but nobody goes into it. Every infection chain we see
            starts with a full zombie. Gwi-nam is the only half-zombie we see biting someone.

            Possibilities:

            - the bite works the same → Cheong-san turns fully, and he's gone;
            - the bite is weaker → he turns slowly, maybe *halfway*;
            - the bite carries whatever made Gwi-nam a half-zombie → same result, a half-zombie.

            Two out of three options are "Cheong-san isn't a regular zombie". I'm not saying he survived
            the bombing. I'm saying the bite alone doesn't settle it.
        """,
    },
    {
        "title": "The bombing timeline says Cheong-san couldn't have got out, unless he went down",
        "tags": ["lee-cheong-san", "military-intervention"],
        "chapters": [118],
        "body": """
            The school is hit almost immediately after the others get out. If Cheong-san stayed upstairs,
            he's gone. But schools have basements, boiler rooms and storage under the gym, and a
            half-turned Cheong-san with better hearing would know exactly where the bombs aren't.

            I'm holding onto the basement.
        """,
    },
    {
        "title": "On-jo will be the one who keeps everyone alive in season 2",
        "tags": ["nam-on-jo", "season-2-setting"],
        "author": "onjo_archive",
        "body": """
            In season 1 she's the one who knows how to use a fire extinguisher, how to tie a rope, how
            to find the exits. That's not luck, it's years of her dad teaching her. In season 2 she's
            lost him and Cheong-san, and I think she turns all of that into being the person who
            plans for everyone. It might also be what breaks her.
        """,
    },
    {
        "title": "On-jo's firefighter training from So-ju is the most underrated skill set in the show",
        "tags": ["nam-on-jo", "nam-so-ju"],
        "chapters": [9, 27],
        "reception": "hit",
        "author": "firefighter_kid",
        "body": """
            People talk about Su-hyeok's fighting and Ha-ri's archery. Nobody talks about how many
            times On-jo saves the group with stuff her dad taught her:

            - knowing how to move through smoke and where to find exits,
            - rope and knot work when they have to climb,
            - first aid when someone gets hurt,
            - staying calm, which is honestly the biggest one.

            So-ju spent her whole childhood preparing her for emergencies because he saw what happens to
            people who aren't ready. He never made it to her in time, but his training did.
            That's the saddest and best thing in the show.
        """,
    },
    {
        "title": "On-jo and Cheong-san were always endgame, the show just ran out of time",
        "tags": ["nam-on-jo", "lee-cheong-san", "relationships"],
        "reception": "hit",
        "author": "late_night_rewatch",
        "body": """
            Childhood friends, neighbours, their parents know each other, he's been in love with her
            forever, and by the end she is clearly in love with him too. The last episodes make her
            feelings impossible to miss.

            They didn't get a happy ending, but they got the *realization*, and that's what
            the show was building to. If season 2 gives us even a flashback of the two of them as kids,
            I will need a week off.
        """,
        "thread": [
            {"body": "The way she reacts at the end. Yeah. Endgame, just not the ending anyone wanted."},
            {
                "body": "I kind of want season 2 to leave it exactly there. Unfinished is the point.",
                "replies": [{"body": "Unfinished is the point AND I want the flashback. I contain multitudes."}],
            },
        ],
    },
    {
        "title": "Su-hyeok and Nam-ra: the slow burn the show actually earned",
        "tags": ["lee-su-hyeok", "choi-nam-ra", "relationships"],
        "chapters": [31, 88],
        "reception": "hit",
        "author": "suhyeok_bodyguard",
        "body": """
            I want to give credit where it's due. Most zombie-show romances are "two attractive people
            were near each other". Su-hyeok and Nam-ra are built scene by scene:

            1. He notices her before the outbreak, when she's the class president nobody talks to.
            2. He's the first person to treat her normally after she's infected.
            3. He trusts her when everyone else is scared of her.
            4. She trusts *him* with the truth about how hungry she is.

            The show earns every bit of it. And then it separates them, because of course it does.
        """,
    },
    {
        "title": "Su-hyeok will choose Nam-ra over the group, and it will break everyone",
        "tags": ["lee-su-hyeok", "choi-nam-ra", "relationships"],
        "reception": "divisive",
        "body": """
            Season 2 puts the survivors and the half-zombies on opposite sides. Su-hyeok ends up having
            to pick. He picks Nam-ra. On-jo is left leading a group that just lost its best fighter.
            Someone dies because of it.
        """,
    },
    {
        "title": "Dae-su is the real MVP and season 2 should give him more",
        "tags": ["yang-dae-su"],
        "chapters": [45],
        "reception": "hit",
        "author": "daesu_sings",
        "body": """
            Comic relief? Sure. But go back and watch his big moments. He's scared out of his mind and
            he does the brave thing anyway, every time. That's braver than Su-hyeok, who genuinely
            isn't scared of anything.

            Give him an actual arc in season 2. And a song. He's earned a song.
        """,
    },
    {
        "title": "Dae-su's singing is going to matter again, because sound draws them in",
        "tags": ["yang-dae-su", "season-2-setting"],
        "author": "archery_range",
        "body": """
            The zombies hunt by sound. Dae-su is the loudest person alive. Season 2 uses this as a plot
            point at least once, and it's either a heroic distraction or a disaster. Possibly both in
            the same episode.
        """,
    },
    {
        "title": "Ha-ri's archery is the only reason the group made it off the field",
        "tags": ["jang-ha-ri"],
        "chapters": [48, 50],
        "author": "archery_club_hari",
        "body": """
            Everyone else fights up close, which in this show is basically a death sentence.
            Ha-ri is the only one who can deal with a threat before it reaches them. Every time she draws
            the bow, the odds change. I want season 2 to give her more than a few shots per episode.
        """,
    },
    {
        "title": "Ha-ri will struggle the most with survivor's guilt",
        "tags": ["jang-ha-ri", "survivors-trauma"],
        "body": """
            She's an athlete: trained, disciplined, used to controlling her body under pressure. Those
            are exactly the people who blame themselves afterwards for every shot they missed. I think
            season 2 shows her not being okay, and it's going to be really hard to watch.
        """,
    },
    {
        "title": "Mi-jin deserves a real arc in season 2",
        "tags": ["park-mi-jin", "season-2-setting"],
        "author": "mijin_mood",
        "body": """
            She survives the whole thing and we barely know anything about her. That's either lazy writing
            or a setup. I choose to believe it's a setup. Quiet characters who survive always have a reason.
        """,
    },
    {
        "title": "Hyo-ryung's cheerfulness is a coping mechanism, and season 2 will crack it",
        "tags": ["seo-hyo-ryung", "survivors-trauma"],
        "author": "hyoryung_sunshine",
        "body": """
            She's the one lifting everyone's mood, and the show plays it for light moments. But people
            who are always "on" for others often fall apart the moment they're safe. I think season 2
            opens with Hyo-ryung being the one who can't sleep.
        """,
    },
    {
        "title": "Na-yeon wasn't born a villain, she was a kid who never heard 'no'",
        "tags": ["lee-na-yeon"],
        "chapters": [35, 41],
        "reception": "divisive",
        "author": "nayeon_apologist",
        "body": """
            Before you downvote: I'm not defending what she does. What she does is awful.

            But look at where she comes from. She's rich, she's used to adults fixing things for her,
            and she has been taught that some people matter less. Then the world ends and none of that
            works anymore, and she keeps trying to play by rules that don't exist.

            She's not a monster. She's what a certain kind of upbringing produces, dropped into a
            situation it never prepared her for. That's why she's so uncomfortable to watch.
        """,
        "thread": [
            {"body": "Explaining isn't excusing, and this post explains it well. Upvoted."},
            {
                "body": "Nah. Plenty of rich kids in the show don't act like her. She made choices.",
                "replies": [
                    {"body": "Both things can be true: she made choices, and she was set up to make them.", "by": "op"},
                ],
            },
            {"body": "Username checks out."},
        ],
    },
    {
        "title": "Na-yeon is the most realistic character in the show, and that's why we hate her",
        "tags": ["lee-na-yeon"],
        "chapters": [41],
        "body": """
            Nobody in real life is Gwi-nam. Lots of people are Na-yeon: selfish in small ways, cruel
            when they feel superior, convinced the rules don't apply to them. Her scenes hurt because we
            all know someone like her.
        """,
    },
    {
        "title": "So-ju's last choices show what the show thinks heroism is",
        "tags": ["nam-so-ju", "nam-on-jo"],
        "chapters": [38, 79],
        "author": "firefighter_kid",
        "body": """
            So-ju crosses a city full of zombies for his daughter, and along the way he keeps stopping to
            help strangers, because he's a rescue firefighter and he doesn't know how not to.

            The show could have made him a one-track action dad. Instead it makes him choose, over and
            over, between getting to On-jo faster and doing his job. He keeps doing his job. That's
            heroism in this show: not strength, but refusing to stop being who you are.
        """,
    },
    {
        "title": "So-ju and Jae-ik were the adults the kids never got",
        "tags": ["nam-so-ju", "song-jae-ik"],
        "body": """
            Almost every adult inside the school fails the kids. The two adults who actually *try* are
            outside it, fighting their way in. The show is pretty clearly saying the institutions failed
            and only individual adults came through.
        """,
    },
    {
        "title": "Survivors' trauma will be the real plot of season 2",
        "tags": ["survivors-trauma", "season-2-setting"],
        "reception": "hit",
        "author": "library_barricade",
        "body": """
            These kids watched their classmates get eaten, killed friends who had turned, lost parents,
            and then spent months in a military facility being treated like biohazards.

            There is no version of season 2 where they're *fine*. I'd love it if the show took that
            seriously: nightmares, panic at loud sounds, guilt about who made it and who didn't,
            families who don't know how to talk to them.

            The zombies can be the background. The aftermath is the story.
        """,
    },
    {
        "title": "The months after the finale are the scariest part, and we didn't see them",
        "tags": ["survivors-trauma", "quarantine-and-martial-law"],
        "author": "quarantine_zone_b",
        "body": """
            We skip straight from escape to the epilogue. What happened in between? Were they held
            separately? Questioned? Tested every day? Did anyone tell them what happened to their families?
            Season 2 flashbacks to that time could be more frightening than any zombie scene.
        """,
    },
    {
        "title": "On-jo's quiet in the finale is grief, not calm",
        "tags": ["nam-on-jo", "survivors-trauma"],
        "chapters": [125],
        "author": "onjo_archive",
        "body": """
            On-jo has always been the calm one, so it's easy to read her in the last episode as "back to
            normal". Watch it again. She's not calm, she's *shut down*. She lost her dad and Cheong-san
            in the same few days. Season 2 has to deal with that.
        """,
    },
    {
        "title": "The survivors will be treated as suspects, not victims",
        "tags": ["survivors-trauma", "quarantine-and-martial-law", "military-intervention"],
        "reception": "hit",
        "author": "martial_law_watch",
        "body": """
            They came out of ground zero. One of them is friends with a half-zombie. They know things
            about the bombing that the government would rather nobody knew.

            In season 2 the state will treat them as a risk to manage, not children to help: monitoring,
            restrictions, pressure to stay silent. Their real enemy won't be in Hyosan at all.
        """,
    },
    {
        "title": "Nobody outside will believe them about what happened in the school",
        "tags": ["survivors-trauma", "quarantine-and-martial-law"],
        "body": """
            The official story of Hyosan will be cleaned up. The kids who were there will say things that
            don't match the official story. Classic setup for a season where the survivors are called
            liars and have to prove what they saw.
        """,
    },
    {
        "title": "I'd watch a whole season of Dae-su and Ha-ri bickering",
        "tags": ["yang-dae-su", "jang-ha-ri", "relationships"],
        "author": "daesu_sings",
        "body": "Loud guy, disciplined archer. The chemistry is there. Give me the spin-off.",
    },
    {
        "title": "Mi-jin and Hyo-ryung's friendship is the quiet heart of the group",
        "tags": ["park-mi-jin", "seo-hyo-ryung", "relationships"],
        "body": """
            Nobody writes about them because they don't get the big scenes. But they're always next to
            each other, always checking on each other. In a show where friendships get torn apart by the
            virus, theirs just... holds. I hope season 2 doesn't break it for drama.
        """,
    },
    {
        "title": "The chicken shop storyline is the saddest part of the show",
        "tags": ["lee-cheong-san", "relationships"],
        "chapters": [23],
        "author": "chicken_shop_regular",
        "body": """
            Cheong-san's mum ran that fried chicken shop for him. Every scene there is about her trying to
            keep going for her son while the city falls apart.

            The show gives more screen time to fights, but the chicken shop is where it hit me hardest.
        """,
    },
    {
        "title": "On-jo carries Cheong-san's memory the way So-ju carried his job",
        "tags": ["nam-on-jo", "lee-cheong-san", "nam-so-ju"],
        "body": """
            So-ju kept doing the right thing even when it cost him. On-jo has now lost both people who
            taught her what that looks like. I think season 2 On-jo takes their place: she becomes the
            one who stays behind for others. Which terrifies me.
        """,
    },
    {
        "title": "Why the survivors went back to the school at the end",
        "tags": ["survivors-trauma", "lee-cheong-san"],
        "chapters": [133],
        "author": "hyosan_forever",
        "body": """
            It's not just a memorial. Going back is them choosing to face the place instead of letting it
            stay a nightmare. And on a practical level it's the one place where they might find Nam-ra,
            because where else would she go?

            The scene works on every level: grief, closure, hope. Best-written part of the finale.
        """,
    },
    {
        "title": "The group's leader changed four times, and that's why they survived",
        "tags": ["nam-on-jo", "lee-su-hyeok", "choi-nam-ra", "survivors-trauma"],
        "chapters": [14, 47, 88],
        "reception": "hit",
        "author": "overthinker_jiwoo",
        "body": """
            I rewatched specifically to track who is making decisions in each part of the show. Rough summary:

            1. **Nam-ra** in the classroom: organizing, keeping order, rules.
            2. **Su-hyeok** once they have to move: fighting, protecting, clearing the way.
            3. **On-jo** whenever it's about getting out: exits, ropes, how to survive a disaster.
            4. **Cheong-san** when someone has to make the hardest call.

            No single leader would have made it. The group survives because leadership moves to whoever
            fits the situation, and nobody fights over it (well, except Na-yeon).

            Season 2 question: with two of those four gone, who takes over?
        """,
        "thread": [
            {"body": "This is a really good lens. On-jo's stretch is the one people always forget."},
            {
                "body": "Dae-su should get partial credit for morale, honestly.",
                "replies": [{"body": "Morale officer Dae-su. Fully agree.", "by": "op"}],
            },
        ],
    },
    {
        "title": "Su-hyeok is the show's most consistent character",
        "tags": ["lee-su-hyeok"],
        "body": """
            From the first episode to the last, he protects people and never asks for anything back.
            The show tells you who he is in the first ten minutes and never contradicts it.
        """,
    },
    {
        "title": "If Cheong-san comes back, On-jo's arc gets undone. Is that worth it?",
        "tags": ["lee-cheong-san", "nam-on-jo", "season-2-setting"],
        "reception": "divisive",
        "body": """
            On-jo's ending is about grief and going on anyway. Bring Cheong-san back and her story
            becomes "waited, got him back". I get why people want it. I'm just not sure the show is better
            for it.
        """,
    },
    {
        "title": "Cheong-san's goodbye to On-jo will get a callback in season 2",
        "tags": ["lee-cheong-san", "nam-on-jo", "relationships"],
        "author": "cheongsan_lives",
        "body": """
            The show loves callbacks. Something small from their goodbye, a line or a gesture or an object,
            will come back in season 2 at exactly the worst moment. Either as proof he's alive, or as the
            thing that finally lets her let go.
        """,
    },
    {
        "title": "Detective Song Jae-ik will be the one who blows the whistle",
        "tags": ["song-jae-ik", "military-intervention"],
        "author": "detective_song_stan",
        "body": """
            He's a cop who went looking for the truth and found Byeong-chan's recordings. He's seen what
            the government did. If anyone in season 2 goes public, it's him: a credible adult with evidence
            and nothing left to lose.
        """,
    },
    {
        "title": "Jae-ik found the videos, so he knows more than the military thinks",
        "tags": ["song-jae-ik", "jonas-virus-origin"],
        "chapters": [80],
        "reception": "hit",
        "author": "detective_song_stan",
        "body": """
            The recordings in the science lab are the single most important piece of evidence about the
            outbreak. The person who saw them first isn't a soldier or a scientist, it's a detective.

            Detectives don't forget evidence. Even if the military confiscated everything, Jae-ik *watched*
            it. He knows who made the virus, why, and how. In a season about cover-ups that makes him the
            most dangerous man in Korea.
        """,
    },
    {
        "title": "The background survivors are more interesting than we think",
        "tags": ["jang-ha-ri", "park-mi-jin", "seo-hyo-ryung"],
        "body": """
            Ha-ri, Mi-jin, Hyo-ryung: they all made it through something that killed almost everyone,
            and the show gives them a fraction of the screen time. Odds are at least one of them has a
            secret. Someone hiding a bite, someone who saw something they shouldn't have. Season 2 will tell.
        """,
    },
    {
        "title": "On-jo won't trust adults anymore, and that's going to matter",
        "tags": ["nam-on-jo", "survivors-trauma"],
        "body": """
            The adults who could help her (her dad, the teachers, the police) couldn't reach her. The
            adults who *could* reach her (the state, the army) made things worse. Season 2 On-jo is going
            to go around adults, not to them.
        """,
    },
    {
        "title": "Nam So-ju never gave up on reaching On-jo, and the show honours that",
        "tags": ["nam-so-ju", "relationships"],
        "reception": "quiet",
        "body": """
            Every time he's stopped, he finds another way. That's what a parent looks like in a disaster.
            If season 2 gives On-jo anything of his (a recording, a letter, his helmet) I will not survive it.
        """,
    },
    {
        "title": "The friends who didn't make it will haunt season 2, maybe literally",
        "tags": ["survivors-trauma", "season-2-setting"],
        "body": """
            Flashbacks, dreams, hallucinations, whatever form it takes. The show lost a lot of characters
            in a short time and the survivors never had time to grieve. Expect season 2 to make room for it.
        """,
    },
    {
        "title": "Cheong-san staying behind was a choice he'd been making the whole show",
        "tags": ["lee-cheong-san", "relationships"],
        "chapters": [116],
        "author": "cheongsan_lives",
        "body": """
            He's been putting himself between On-jo and danger since episode one, usually without telling
            her. The ending isn't a sudden sacrifice. It's the last, biggest version of what he always did.
        """,
    },
]
