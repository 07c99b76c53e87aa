"""The closed vocabularies of the domain."""

from __future__ import annotations

from enum import StrEnum


class AssetStatus(StrEnum):
    IN_USE = "in_use"
    SPARE = "spare"
    IN_REPAIR = "in_repair"
    RETIRED = "retired"
    DISPOSED = "disposed"

    @property
    def is_current(self) -> bool:
        """Still owned and in service: scheduled for replacement. The one definition
        of a current asset (:data:`CURRENT_ASSET_STATUSES`, the store's SQL)."""
        return self not in (AssetStatus.RETIRED, AssetStatus.DISPOSED)


#: The statuses of current assets (:attr:`AssetStatus.is_current`), in the enum's order.
CURRENT_ASSET_STATUSES: tuple[AssetStatus, ...] = tuple(s for s in AssetStatus if s.is_current)


class LifecycleBasis(StrEnum):
    AGE = "age"
    WARRANTY = "warranty"


class RenewalKind(StrEnum):
    SUBSCRIPTION = "subscription"
    LICENSE = "license"
    DOMAIN = "domain"
    CERTIFICATE = "certificate"
    SUPPORT = "support"
    WARRANTY = "warranty"


class ContractKind(StrEnum):
    MSP = "msp"
    TELECOM = "telecom"
    LEASE = "lease"
    MAINTENANCE = "maintenance"
    SUPPORT = "support"
    CLOUD = "cloud"
    OTHER = "other"


class InitiativeCategory(StrEnum):
    SECURITY = "security"
    INFRASTRUCTURE = "infrastructure"
    PRODUCTIVITY = "productivity"
    SUPPORT = "support"
    STRATEGY = "strategy"
    EXPERIENCE = "experience"
    COMPLIANCE = "compliance"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class InitiativeStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DEFERRED = "deferred"
    CANCELLED = "cancelled"

    @property
    def is_committed(self) -> bool:
        return self in (InitiativeStatus.APPROVED, InitiativeStatus.IN_PROGRESS, InitiativeStatus.DONE)

    @property
    def counts(self) -> bool:
        """Committed or proposed: counted somewhere in a forecast."""
        return self.is_committed or self is InitiativeStatus.PROPOSED


class Raci(StrEnum):
    RESPONSIBLE = "R"
    ACCOUNTABLE = "A"
    CONSULTED = "C"
    INFORMED = "I"


class AssignmentScope(StrEnum):
    """What a role assignment is for: the whole client, or one of its records."""

    CLIENT = "client"
    INITIATIVE = "initiative"
    ASSET = "asset"
    RENEWAL = "renewal"
    CONTRACT = "contract"


class SwotKind(StrEnum):
    """The four quadrants of a strategy's SWOT assessment."""

    STRENGTH = "strength"
    WEAKNESS = "weakness"
    OPPORTUNITY = "opportunity"
    THREAT = "threat"


class GoalHorizon(StrEnum):
    """How far off a goal is: short (within about two years) or long."""

    SHORT = "short"
    LONG = "long"


class SpendLine(StrEnum):
    """The line an actual payment belongs to: the forecast's committed lines (the same
    names as ``planning.forecast.results.COMMITTED_LINES``), plus ``other``."""

    HARDWARE = "hardware"
    RENEWALS = "renewals"
    CONTRACTS = "contracts"
    INITIATIVES_ONE_TIME = "initiatives_one_time"
    INITIATIVES_RECURRING = "initiatives_recurring"
    OTHER = "other"
