"""Who may do what with networks and their meetings."""

import rules


@rules.predicate
def attends_meeting(user, meeting) -> bool:
    """The user attends the meeting on behalf of the municipality."""
    return (
        user.is_authenticated
        and meeting is not None
        and meeting.attendees.filter(pk=user.pk).exists()
    )


@rules.predicate
def calendar_is_public(user, network) -> bool:
    """The network's meeting calendar is public: calendar programs fetch it without log-in."""
    return network is not None and network.calendar_is_public
