-- The trigram indexes over every member's name and every household's address served no
-- query: the desk's name search is within one committee (its households first, through
-- household_committee_idx: ~13 ms on a 300,000-household register), and duplicate
-- detection scores the few candidates duplicate_keys finds. Keeping them cost every
-- imported member two GIN insertions, which at national scale outgrow memory and made
-- the import slow down as the register grew.
drop index household_member_name_trgm;
drop index household_address_trgm;
