-- Return home interview providers (issue 14, item 5a): only agencies marked as holding return home interviews
-- (children's services, or a charity commissioned to hold them) are offered on the interview form, and the
-- service refuses any other. An administrator sets the mark on the agency's page; the demo loader sets it for
-- the demo's children's services and charities. Existing agencies start unmarked: an installation marks its
-- providers once (an unmarked list offers none, which the form says plainly).
ALTER TABLE agency ADD COLUMN provides_return_interviews boolean NOT NULL DEFAULT false;
