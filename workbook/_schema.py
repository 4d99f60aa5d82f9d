"""The workbook file's layout: each schema version's SQL, applied in order by the store.

A new file runs them all; an older file runs the ones it lacks, after a backup copy.
"""

from __future__ import annotations

# Each entry moves the schema from version N-1 to N. A new file runs them all in order,
# an older file runs the ones it lacks, after a backup copy is written.
MIGRATIONS: dict[int, str] = {
    1: """
        CREATE TABLE profile (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL DEFAULT '',
            business TEXT NOT NULL DEFAULT '',
            profession TEXT NOT NULL DEFAULT '',
            preferred_client TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            currency TEXT NOT NULL DEFAULT 'USD'
        );
        INSERT INTO profile (id) VALUES (1);
        CREATE TABLE businesses (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL CHECK (name <> ''),
            profession TEXT NOT NULL DEFAULT '',
            amount REAL NOT NULL DEFAULT 0 CHECK (amount >= 0),
            frequency TEXT NOT NULL DEFAULT 'per_year'
                CHECK (frequency IN ('per_visit', 'per_month', 'per_year')),
            visits_per_year REAL NOT NULL DEFAULT 1 CHECK (visits_per_year >= 0),
            years_as_customer REAL NOT NULL DEFAULT 1 CHECK (years_as_customer >= 0),
            referrals_sent INTEGER NOT NULL DEFAULT 0 CHECK (referrals_sent >= 0),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE asks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            business_id INTEGER NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'asked', 'agreed', 'declined')),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
    """,
    2: """
        ALTER TABLE profile ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
        ALTER TABLE businesses ADD COLUMN updated_at TEXT;
        ALTER TABLE asks ADD COLUMN planned_on TEXT;
        ALTER TABLE asks ADD COLUMN asked_on TEXT;
        ALTER TABLE asks ADD COLUMN answered_on TEXT;
        UPDATE asks SET planned_on = substr(created_at, 1, 10);
    """,
    3: """
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL CHECK (name <> ''),
            email TEXT NOT NULL DEFAULT '',
            company TEXT NOT NULL DEFAULT '',
            position TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            connected_on TEXT,
            source TEXT NOT NULL DEFAULT 'typed',
            profession TEXT NOT NULL DEFAULT '',
            depth TEXT NOT NULL DEFAULT 'contact'
                CHECK (depth IN ('contact', 'acquaintance', 'connection', 'referral_partner')),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT
        );
        CREATE TABLE client_tags (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            tag TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE target_professions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            profession TEXT NOT NULL UNIQUE CHECK (profession <> ''),
            created_at TEXT NOT NULL
        );
        CREATE TABLE goals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL CHECK (text <> ''),
            target_date TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE goal_people (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            why TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (goal_id, contact_id)
        );
    """,
    4: """
        CREATE TABLE gains (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            contact_id INTEGER UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
            goals TEXT NOT NULL DEFAULT '',
            accomplishments TEXT NOT NULL DEFAULT '',
            interests TEXT NOT NULL DEFAULT '',
            networks TEXT NOT NULL DEFAULT '',
            skills TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT
        );
        CREATE UNIQUE INDEX gains_one_for_you ON gains ((contact_id IS NULL)) WHERE contact_id IS NULL;
        CREATE TABLE referrals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            direction TEXT NOT NULL CHECK (direction IN ('given', 'received')),
            on_date TEXT NOT NULL,
            what TEXT NOT NULL DEFAULT '',
            value REAL NOT NULL DEFAULT 0 CHECK (value >= 0),
            created_at TEXT NOT NULL
        );
        CREATE TABLE referrability (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            contact_id INTEGER UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
            expert INTEGER NOT NULL DEFAULT 0 CHECK (expert IN (0, 1)),
            passionate INTEGER NOT NULL DEFAULT 0 CHECK (passionate IN (0, 1)),
            honours_referrals INTEGER NOT NULL DEFAULT 0 CHECK (honours_referrals IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT
        );
        CREATE UNIQUE INDEX referrability_one_for_you ON referrability ((contact_id IS NULL))
            WHERE contact_id IS NULL;
    """,
    5: """
        CREATE TABLE import_batches (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('transactions', 'contacts')),
            file_name TEXT NOT NULL DEFAULT '',
            file_hash TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            rows_read INTEGER NOT NULL DEFAULT 0,
            rows_added INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            UNIQUE (kind, file_hash)
        );
        CREATE TABLE transactions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            batch_id INTEGER REFERENCES import_batches(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            amount REAL NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            auto_payee TEXT NOT NULL DEFAULT '',
            payee TEXT NOT NULL DEFAULT '',
            processor TEXT NOT NULL DEFAULT '',
            account TEXT NOT NULL DEFAULT '',
            fitid TEXT NOT NULL DEFAULT '',
            pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1)),
            source TEXT NOT NULL DEFAULT '',
            dedupe_key TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        CREATE INDEX transactions_by_payee ON transactions (payee);
        CREATE TABLE payee_rules (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            contains TEXT NOT NULL CHECK (contains <> ''),
            payee TEXT NOT NULL CHECK (payee <> ''),
            created_at TEXT NOT NULL
        );
    """,
    6: """
        ALTER TABLE profile ADD COLUMN uid TEXT NOT NULL DEFAULT '';
        CREATE TABLE interactions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            on_date TEXT NOT NULL,
            at_time TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL CHECK (kind IN
                ('one_to_one', 'event', 'call', 'email', 'handwritten_note', 'other')),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX interactions_by_contact ON interactions (contact_id, on_date);
        CREATE TABLE follow_ups (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            interaction_id INTEGER NOT NULL UNIQUE REFERENCES interactions(id) ON DELETE CASCADE,
            due TEXT NOT NULL,
            done_on TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE cadences (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            contact_id INTEGER UNIQUE REFERENCES contacts(id) ON DELETE CASCADE,
            depth TEXT UNIQUE CHECK (depth IS NULL OR depth IN
                ('contact', 'acquaintance', 'connection', 'referral_partner')),
            ideal_days INTEGER NOT NULL CHECK (ideal_days > 0),
            max_days INTEGER NOT NULL CHECK (max_days >= ideal_days),
            created_at TEXT NOT NULL,
            CHECK ((contact_id IS NULL) <> (depth IS NULL))
        );
        INSERT INTO cadences (depth, ideal_days, max_days, created_at) VALUES
            ('referral_partner', 21, 30, datetime('now')),
            ('connection', 60, 90, datetime('now')),
            ('acquaintance', 90, 135, datetime('now')),
            ('contact', 182, 365, datetime('now'));
        CREATE TABLE promises (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
            direction TEXT NOT NULL CHECK (direction IN ('mine', 'theirs')),
            kind TEXT NOT NULL CHECK (kind IN ('ask', 'offer', 'follow_through')),
            what TEXT NOT NULL CHECK (what <> ''),
            due_on TEXT,
            done_on TEXT,
            created_at TEXT NOT NULL
        );
    """,
    7: """
        ALTER TABLE profile ADD COLUMN email TEXT NOT NULL DEFAULT '';
        ALTER TABLE profile ADD COLUMN share_with_cohort INTEGER NOT NULL DEFAULT 0
            CHECK (share_with_cohort IN (0, 1));
    """,
    8: """
        ALTER TABLE profile ADD COLUMN plan_made_on TEXT NOT NULL DEFAULT '';
        CREATE TABLE removals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            label TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
    """,
    9: """
        CREATE TABLE last_edit (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            at TEXT NOT NULL
        );
    """,
    10: """
        CREATE TABLE interaction_imports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            file_name TEXT NOT NULL DEFAULT '',
            file_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL DEFAULT '',
            rows_read INTEGER NOT NULL DEFAULT 0,
            rows_added INTEGER NOT NULL DEFAULT 0,
            -- the people found who were not contacts (JSON: name, email, url, last), for
            -- exercise 5 to offer as contacts
            not_contacts TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL
        );
        ALTER TABLE interactions ADD COLUMN import_id INTEGER
            REFERENCES interaction_imports(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
        ALTER TABLE interactions ADD COLUMN uid TEXT NOT NULL DEFAULT '';
        ALTER TABLE profile ADD COLUMN week_starts TEXT NOT NULL DEFAULT 'monday'
            CHECK (week_starts IN ('monday', 'sunday'));
        -- a weekly check-in: the week's numbers as they were, the commitments for the next
        -- week, and a note (see workbook.this_week)
        CREATE TABLE check_ins (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            week_start TEXT NOT NULL UNIQUE,
            summary TEXT NOT NULL,
            commitments TEXT NOT NULL DEFAULT '[]',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT
        );
        -- the participant's own version of a kind of draft (see workbook.drafts)
        CREATE TABLE draft_templates (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL UNIQUE,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX interactions_by_uid ON interactions (uid) WHERE uid <> '';
    """,
    11: """
        -- the targets a check-in sets for the weeks after it ({metric: number}), and which of
        -- its commitments the participant ticked as done where the workbook cannot tell
        ALTER TABLE check_ins ADD COLUMN targets TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE check_ins ADD COLUMN ticked TEXT NOT NULL DEFAULT '[]';
        -- which workbook this is, kept by every copy: notes from the coach go back into the
        -- own file of that participant and no other
        ALTER TABLE profile ADD COLUMN workbook_id TEXT NOT NULL DEFAULT '';
        UPDATE profile SET workbook_id = lower(hex(randomblob(16)));
        -- a note from the coach on a line of the plan (about_table and about_id, both
        -- empty for the plan as a whole) with what the line was when written, in words
        CREATE TABLE coach_notes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            about_table TEXT NOT NULL DEFAULT '',
            about_id INTEGER,
            about TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL CHECK (text <> ''),
            written_on TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT
        );
    """,
    12: """
        -- how money, numbers and dates are written for the participant (en-GB, de-CH), empty
        -- until chosen (then it is suggested from the currency and the time zone)
        ALTER TABLE profile ADD COLUMN locale TEXT NOT NULL DEFAULT '';
    """,
    13: """
        ALTER TABLE profile ADD COLUMN language TEXT NOT NULL DEFAULT '';
    """,
}
SCHEMA_VERSION = max(MIGRATIONS)
# Tables a new workbook already has rows in: the profile row and the default cadences.
SEEDED_TABLES = ("profile", "cadences")
# The workbook's own bookkeeping, not the participant's tables: what was removed, kept so a
# removal can be undone. Not exported, not restored, not shown.
INTERNAL_TABLES = ("removals", "last_edit")
# How many removals are kept for undo (the oldest go first).
KEPT_REMOVALS = 30
