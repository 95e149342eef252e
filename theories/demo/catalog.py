"""The demo series, its tags and chapters, and the demo accounts."""

from __future__ import annotations

from accounts.models import MODERATORS_GROUP, WRITERS_GROUP

SERIES = {
    "slug": "all-of-us-are-dead",
    "title": "All of Us Are Dead",
    "source_title": "Now at Our School (지금 우리 학교는)",
    "description": (
        "Netflix series (2022). A zombie outbreak starts in the science lab of Hyosan High School, "
        "and a handful of students try to survive it while the city around them is sealed off. "
        "Adapted from the Naver webtoon *Now at Our School* (지금 우리 학교는) by Joo Dong-geun, "
        "serialized from 2009 to 2011."
    ),
}

# The webtoon ran to about 135 chapters; theories cite them by number.
CHAPTER_COUNT = 135

CHARACTER_TAGS = [
    {
        "slug": "nam-on-jo",
        "name": "Nam On-jo",
        "description": (
            "A Hyosan High student and the daughter of firefighter Nam So-ju. "
            "Calm under pressure, she uses the safety training her father drilled into her."
        ),
        "aliases": ["남온조", "On-jo", "Onjo", "On Jo", "Nam Onjo"],
    },
    {
        "slug": "lee-cheong-san",
        "name": "Lee Cheong-san",
        "description": (
            "On-jo's childhood friend and neighbour, whose mother runs a fried chicken shop. "
            "He stays behind at the school to stop Gwi-nam, and his fate is the fandom's favourite argument."
        ),
        "aliases": ["이청산", "Cheong-san", "Cheongsan", "Cheong San", "Chung-san", "Chungsan"],
    },
    {
        "slug": "choi-nam-ra",
        "name": "Choi Nam-ra",
        "description": (
            "The class president: reserved, exact and quietly brave. "
            "After she is bitten she becomes a half-zombie and chooses to leave her friends to keep them safe."
        ),
        "aliases": ["최남라", "Nam-ra", "Namra", "Nam Ra", "class president", "Prez"],
    },
    {
        "slug": "lee-su-hyeok",
        "name": "Lee Su-hyeok",
        "description": (
            "A former troublemaker who turned his life around; steady, protective and the group's best fighter. "
            "His bond with Nam-ra grows through the outbreak."
        ),
        "aliases": ["이수혁", "Su-hyeok", "Suhyeok", "Su-hyuk", "Soohyuk", "Su Hyeok"],
    },
    {
        "slug": "yoon-gwi-nam",
        "name": "Yoon Gwi-nam",
        "description": (
            "A violent bully who survives being bitten as a half-zombie and hunts the group through the school, "
            "fixated on Cheong-san."
        ),
        "aliases": ["윤귀남", "Gwi-nam", "Gwinam", "Gwi Nam", "Kwi-nam"],
    },
    {
        "slug": "lee-na-yeon",
        "name": "Lee Na-yeon",
        "description": (
            "A wealthy, status-conscious student whose contempt for her classmates puts the group in danger. "
            "The show's most argued-about character."
        ),
        "aliases": ["이나연", "Na-yeon", "Nayeon", "Na Yeon"],
    },
    {
        "slug": "yang-dae-su",
        "name": "Yang Dae-su",
        "description": (
            "The group's loud, funny would-be singer, who turns out braver than anyone expected. One of the survivors."
        ),
        "aliases": ["양대수", "Dae-su", "Daesu", "Dae-soo", "Daesoo"],
    },
    {
        "slug": "seo-hyo-ryung",
        "name": "Seo Hyo-ryung",
        "description": "A bright, talkative student who keeps the group's spirits up. One of the survivors.",
        "aliases": ["서효령", "Hyo-ryung", "Hyoryung", "Hyo-ryeong", "Hyoryeong"],
    },
    {
        "slug": "jang-ha-ri",
        "name": "Jang Ha-ri",
        "description": (
            "A member of the school's archery team whose bow becomes the group's long-range weapon. "
            "One of the survivors."
        ),
        "aliases": ["장하리", "Ha-ri", "Hari", "Ha Ri"],
    },
    {
        "slug": "park-mi-jin",
        "name": "Park Mi-jin",
        "description": "A quiet student who sticks with the group from the classroom to the end. One of the survivors.",
        "aliases": ["박미진", "Mi-jin", "Mijin", "Mi Jin"],
    },
    {
        "slug": "lee-byeong-chan",
        "name": "Lee Byeong-chan",
        "description": (
            "Hyosan High's science teacher, who created the Jonas virus in his lab to make his bullied son Jin-su "
            "strong enough to fight back."
        ),
        "aliases": ["이병찬", "Byeong-chan", "Byeongchan", "Byung-chan", "the science teacher"],
    },
    {
        "slug": "nam-so-ju",
        "name": "Nam So-ju",
        "description": (
            "On-jo's father, a 119 rescue firefighter who fights his way across the quarantined city "
            "to reach his daughter."
        ),
        "aliases": ["남소주", "So-ju", "Soju", "So Ju", "On-jo's dad"],
    },
    {
        "slug": "song-jae-ik",
        "name": "Song Jae-ik",
        "description": (
            "A Hyosan police detective who follows the outbreak to its source and finds Lee Byeong-chan's recordings."
        ),
        "aliases": ["송재익", "Jae-ik", "Jaeik", "Detective Song"],
    },
]

TOPIC_TAGS = [
    {
        "slug": "half-zombies",
        "name": "Half-zombies",
        "description": (
            "The infected who keep their minds: the hunger, hearing and strength of the zombies without losing "
            "themselves. Nam-ra and Gwi-nam are the best-known cases."
        ),
        "aliases": ["hambies", "hambie", "half-zombie", "half zombies", "asymptomatic carriers", "반좀비"],
    },
    {
        "slug": "military-intervention",
        "name": "Military intervention",
        "description": (
            "The army's role in Hyosan: the sealed city, the soldiers at the line and "
            "the decision to bomb it, and what the military wants from the survivors afterwards."
        ),
        "aliases": ["the military", "the army", "soldiers", "bombing of Hyosan", "military cover-up"],
    },
    {
        "slug": "jonas-virus-origin",
        "name": "Jonas virus origin",
        "description": (
            "Where the outbreak came from: Lee Byeong-chan's research in the science lab, his son Jin-su "
            "and the recordings he left behind."
        ),
        "aliases": ["Jonas virus", "Jonas", "the virus", "patient zero", "science lab", "Jin-su"],
    },
    {
        "slug": "quarantine-and-martial-law",
        "name": "Quarantine and martial law",
        "description": (
            "Hyosan under martial law: the quarantine line around the city, the camps for survivors "
            "and who decides what the public is told."
        ),
        "aliases": ["quarantine", "martial law", "lockdown", "quarantine camp", "계엄령", "격리"],
    },
    {
        "slug": "survivors-trauma",
        "name": "Survivors' trauma",
        "description": (
            "What the outbreak did to the students who lived through it: grief, guilt and how they carry on "
            "in the months after."
        ),
        "aliases": ["trauma", "PTSD", "survivor's guilt", "grief", "aftermath"],
    },
    {
        "slug": "webtoon-divergence",
        "name": "Webtoon divergence",
        "description": (
            "Where the series departs from the webtoon *Now at Our School*, and which of the webtoon's paths "
            "a second season might take. Cite chapters so readers behind you are warned."
        ),
        "aliases": ["webtoon", "Now at Our School", "지금 우리 학교는", "source material", "manhwa", "book vs show"],
    },
    {
        "slug": "season-2-setting",
        "name": "Season 2 setting",
        "description": (
            "Where and when a second season takes place, and whose story it tells. Netflix renewed the series in 2022."
        ),
        "aliases": ["season 2", "S2", "second season", "sequel", "renewal"],
    },
    {
        "slug": "relationships",
        "name": "Relationships",
        "description": (
            "Friendships, crushes and family bonds: On-jo and Cheong-san, Su-hyeok and Nam-ra, "
            "and the parents searching for their children."
        ),
        "aliases": ["ships", "shipping", "romance", "friendship", "family"],
    },
    {
        "slug": "cure-and-vaccine",
        "name": "Cure and vaccine",
        "description": (
            "Whether the Jonas virus can be cured or prevented, and whether half-zombie blood holds the answer."
        ),
        "aliases": ["cure", "vaccine", "antibodies", "treatment", "immunity"],
    },
    {
        "slug": "new-outbreak",
        "name": "New outbreak",
        "description": (
            "Whether the virus is really contained: a second outbreak elsewhere in Korea or abroad, "
            "smuggled samples and unknown carriers."
        ),
        "aliases": ["second outbreak", "outbreak abroad", "global outbreak", "spread", "containment breach"],
    },
]

TAGS = [{**tag, "kind": "character"} for tag in CHARACTER_TAGS] + [{**tag, "kind": "topic"} for tag in TOPIC_TAGS]
TAG_SLUGS = frozenset(tag["slug"] for tag in TAGS)

# The accounts a visitor signs in with. `make run` prints these; README documents them.
DEMO_LOGINS = [
    {"username": "fan", "password": "theorycraft-fan", "role": "fan", "groups": ()},
    {"username": "moderator", "password": "theorycraft-moderator", "role": "moderator", "groups": (MODERATORS_GROUP,)},
    {"username": "writer", "password": "theorycraft-writer", "role": "writer", "groups": (WRITERS_GROUP,)},
]
DEMO_EMAIL_DOMAIN = "example.com"

# Other fans. Each lists the tags they care about; authors are drawn to theories on those tags.
# `activity` scales how often they post, comment and vote.
FANS = [
    {"username": "hyosan_forever", "likes": ("season-2-setting", "survivors-trauma"), "activity": 3.0},
    {"username": "namra_stan", "likes": ("choi-nam-ra", "half-zombies", "relationships"), "activity": 3.0},
    {"username": "jonaslab_truther", "likes": ("jonas-virus-origin", "lee-byeong-chan", "military-intervention")},
    {"username": "cheongsan_lives", "likes": ("lee-cheong-san", "season-2-setting"), "activity": 2.5},
    {"username": "onjo_archive", "likes": ("nam-on-jo", "nam-so-ju", "relationships"), "activity": 2.0},
    {"username": "class_president_choi", "likes": ("choi-nam-ra", "half-zombies")},
    {"username": "hambie_hunter", "likes": ("half-zombies", "yoon-gwi-nam", "cure-and-vaccine"), "activity": 2.0},
    {"username": "webtoon_first", "likes": ("webtoon-divergence",), "activity": 2.5},
    {"username": "daesu_sings", "likes": ("yang-dae-su", "relationships")},
    {"username": "archery_club_hari", "likes": ("jang-ha-ri", "survivors-trauma")},
    {"username": "mijin_mood", "likes": ("park-mi-jin", "seo-hyo-ryung")},
    {"username": "hyoryung_sunshine", "likes": ("seo-hyo-ryung", "survivors-trauma")},
    {"username": "suhyeok_bodyguard", "likes": ("lee-su-hyeok", "relationships")},
    {"username": "firefighter_kid", "likes": ("nam-so-ju", "nam-on-jo")},
    {"username": "detective_song_stan", "likes": ("song-jae-ik", "jonas-virus-origin")},
    {"username": "rooftop_survivor", "likes": ("half-zombies", "season-2-setting")},
    {"username": "broadcast_room", "likes": ("quarantine-and-martial-law", "military-intervention")},
    {"username": "science_lab_notes", "likes": ("jonas-virus-origin", "cure-and-vaccine"), "activity": 2.0},
    {"username": "martial_law_watch", "likes": ("quarantine-and-martial-law", "military-intervention")},
    {"username": "kdrama_nights", "likes": ("relationships",), "activity": 1.5},
    {"username": "zombie_scholar", "likes": ("half-zombies", "jonas-virus-origin", "new-outbreak")},
    {"username": "seoul_subway_reader", "likes": ("webtoon-divergence",)},
    {"username": "netflix_and_theorize", "likes": ("season-2-setting", "new-outbreak"), "activity": 2.0},
    {"username": "gwinam_hater", "likes": ("yoon-gwi-nam",)},
    {"username": "library_barricade", "likes": ("survivors-trauma", "nam-on-jo")},
    {"username": "quarantine_zone_b", "likes": ("quarantine-and-martial-law", "survivors-trauma")},
    {"username": "chicken_shop_regular", "likes": ("lee-cheong-san", "relationships")},
    {"username": "jinsu_deserved_better", "likes": ("jonas-virus-origin", "lee-byeong-chan")},
    {"username": "namsan_tower_view", "likes": ("new-outbreak", "season-2-setting"), "activity": 0.6},
    {"username": "sunbae_theories", "likes": ("webtoon-divergence", "season-2-setting")},
    {"username": "season2_when", "likes": ("season-2-setting",), "activity": 0.8},
    {"username": "namra_never_bites", "likes": ("choi-nam-ra", "lee-su-hyeok")},
    {"username": "archery_range", "likes": ("jang-ha-ri", "yang-dae-su"), "activity": 0.6},
    {"username": "cure_in_her_blood", "likes": ("cure-and-vaccine", "choi-nam-ra")},
    {"username": "soldier_on_the_wall", "likes": ("military-intervention",), "activity": 0.7},
    {"username": "overthinker_jiwoo", "likes": ("jonas-virus-origin", "half-zombies"), "activity": 1.5},
    {"username": "minji_reads_webtoons", "likes": ("webtoon-divergence", "choi-nam-ra")},
    {"username": "hangang_at_night", "likes": ("survivors-trauma", "relationships"), "activity": 0.6},
    {"username": "late_night_rewatch", "likes": ("lee-cheong-san", "nam-on-jo"), "activity": 0.8},
    {"username": "ex_military_dad", "likes": ("military-intervention", "quarantine-and-martial-law")},
    {"username": "plot_hole_patrol", "likes": ("jonas-virus-origin", "cure-and-vaccine"), "activity": 1.5},
    {"username": "hyeonju_was_first", "likes": ("jonas-virus-origin", "new-outbreak")},
    {"username": "nayeon_apologist", "likes": ("lee-na-yeon",), "activity": 0.7},
]

# Accounts younger than a day when the demo is loaded, so new-account votes show up in the data.
NEW_FANS = ("season2_when", "late_night_rewatch")
