"""Pages of the booking app: public availability, the applicant's area, staff lists."""
