"""The stored queries `serve` offers, each a research question with its parameters.

Names are matched as the CLI matches them: the whole name or an alias, case folded (`_NAMED`). An empty
optional parameter means "any". `url_quote` (registered by the plugin) makes a link's parameter safe.
Full-text search is the plugin's search page: it takes the CLI's syntax and names, which SQL cannot.
"""

from __future__ import annotations

_NAMED = """select id from entities where type = '{type}' and name = :{param} collate nocase
            union select a.entity_id from aliases a join entities e on e.id = a.entity_id
            where e.type = '{type}' and a.alias = :{param} collate nocase"""
_ANY_SPEAKER = """select id from entities where name = :speaker collate nocase
                  union select entity_id from aliases where alias = :speaker collate nocase"""

QUERIES: dict[str, dict] = {
    "quotes_of": {
        "title": "Quotes of a speaker",
        "description": "Every quote credited to a person or organisation, by its name or any alias "
        "(whole names: Ali is not Khalil), newest first.",
        "sql": f"""select q.date, q.outlet, q.speaker, q.speaker_mention, q.kind, q.text, q.confidence,
                          q.article_id
                   from quotes q where q.speaker_id in ({_ANY_SPEAKER})
                   order by q.date desc limit 1000""",
    },
    "outlet_speakers": {
        "title": "Who each outlet quotes",
        "description": "The ten speakers each outlet quotes most (leave outlet empty for every outlet); "
        "an utterance quoted inside another counts once.",
        "sql": """select outlet, speaker, quotes, direct, indirect, articles from (
                    select outlet, speaker, quotes, direct, indirect, articles,
                           row_number() over (partition by outlet order by quotes desc, speaker) as n
                    from speaker_outlet_counts where coalesce(:outlet, '') in ('', outlet))
                  where n <= 10 order by outlet, quotes desc, speaker""",
    },
    "place_articles": {
        "title": "Articles about a place",
        "description": "Articles that mention a place (any of its spellings), between two dates "
        "(YYYY, YYYY-MM or YYYY-MM-DD; either may be empty).",
        "sql": f"""select a.id as article_id, a.published, a.outlet, a.title, ae.mentions, a.primary_place
                   from article_entities ae join articles a on a.id = ae.article_id
                   where ae.entity_id in ({_NAMED.format(type="place", param="place")})
                     and (coalesce(:since, '') = '' or a.published >= :since)
                     and (coalesce(:until, '') = '' or a.published < :until || '~')
                   order by a.published, a.id limit 1000""",
    },
    "person": {
        "title": "A person's profile",
        "description": "A person by name or alias: mentions in all, aliases, the roles the articles give "
        "them (with the first and last date), how often each outlet quotes them (an utterance quoted inside "
        "another counts once), and the events they carried out or counted.",
        "sql": f"""with p as ({_NAMED.format(type="person", param="name")})
                   select 'name' as section, e.name as value, e.mentions as count, null as first, null as last
                     from entities e join p on p.id = e.id
                   union all select 'alias', al.alias, null, null, null from aliases al join p on p.id = al.entity_id
                   union all select 'role', min(ae.role), count(*), min(a.published), max(a.published)
                     from article_entities ae join p on p.id = ae.entity_id join articles a on a.id = ae.article_id
                     where ae.role is not null group by lower(ae.role)
                   union all select 'quoted by', s.outlet, s.quotes, null, null
                     from speaker_outlet_counts s join p on p.id = s.speaker_id
                   union all select 'event', ev.type || ' at ' || coalesce(ev.place, '?'), ev.killed_min, ev.date,
                                    ev.article_id
                     from events ev join p on p.id in (ev.actor_id, ev.claimant_id)""",
    },
    "events_by_month": {
        "title": "Events by governorate and month",
        "description": "Main events of the articles per governorate and month, with the tolls they give "
        "(type empty for every type: airstrike, shelling, chemical, explosion, clash, shooting, "
        "execution, arrest, protest, other).",
        "sql": """select governorate, substr(date, 1, 7) as month, count(*) as events,
                         count(distinct event_cluster) as real_events, sum(killed_min) as killed_min_total,
                         max(killed_min) as largest_toll
                  from events where main = 1 and date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
                    and coalesce(:type, '') in ('', type)
                  group by governorate, month order by month, governorate""",
    },
    "event_outlets": {
        "title": "One event, outlet by outlet",
        "description": "How each outlet tells one real event (an event_cluster from the events table): "
        "the date, the toll, whom it blames and who gives the figure.",
        "sql": """select a.outlet, ev.date, ev.type, ev.place, ev.killed_min, ev.killed_max, ev.wounded_min,
                         ev.actor, ev.actor_category, ev.claimant, a.title, ev.article_id
                  from events ev join articles a on a.id = ev.article_id
                  where ev.event_cluster = :cluster order by a.outlet, ev.date""",
    },
    "place_map": {
        "title": "Places on a map",
        "description": "Every place with coordinates; a marker's popup links to the place's articles.",
        "hide_sql": True,
        "sql": """select name, governorate, geo_precision, articles, lat, lon,
                         json_object('title', name, 'description', articles || ' articles',
                                     'link', 'place_articles?place=' || url_quote(name)) as popup
                  from entities where type = 'place' and lat is not null and lon is not null
                  order by articles desc, name""",
    },
    "event_map": {
        "title": "Events on a map",
        "description": "Every event with a located place; a marker's popup links to its article.",
        "hide_sql": True,
        "sql": """select ev.date, ev.type, ev.place, ev.killed_min, ev.actor_category, ev.lat, ev.lon,
                         json_object('title', ev.type || ' at ' || coalesce(ev.place, '?'),
                                     'description', coalesce(ev.date, 'undated') || ', ' ||
                                                    coalesce(ev.killed_min || ' killed', 'no toll'),
                                     'link', '/-/articles/' || ev.article_id) as popup
                  from events ev where ev.lat is not null and ev.lon is not null
                  order by ev.date""",
    },
}
