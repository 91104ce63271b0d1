-- Whether the child is in education, as the referrer knows it (null: not known).
ALTER TABLE victim_referral ADD COLUMN in_education boolean;
